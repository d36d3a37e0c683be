package io.github.reftrack.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JVM arguments that run a test fork with the agent, writing its own event log. */
final class AgentArgLine {
    /**
     * Surefire and Failsafe replace it with the fork's number in {@code argLine}; the agent appends
     * to its log, so forks of both plugins that share a number still lose nothing.
     */
    static final String FORK_NUMBER = "${surefire.forkNumber}";

    private AgentArgLine() {
    }

    /**
     * The arguments, to put in front of {@code existing} (another agent's, say JaCoCo's, or a
     * user's {@code -Xmx}).
     *
     * @param agentJar the shaded agent jar
     * @param profiles the agent's built-in profiles, comma-separated ({@code netty}, {@code lucene})
     * @param specs    generic specs ({@code class=FQN,acquire=m,release=m}), possibly empty
     * @param mode     {@code full}, {@code sample} or {@code off}
     * @param logDir   the directory of the per-fork event logs
     * @param baseline the baseline file, whose leaks fail no test under reftrack-junit5, or null
     * @param existing the property's current value, or null
     */
    static String build(Path agentJar, String profiles, List<String> specs, String mode, Path logDir,
            Path baseline, String existing) {
        List<String> args = new ArrayList<>();
        args.add(quote("-javaagent:" + agentJar + "=" + options(profiles, specs)));
        args.add("-Dreftrack.mode=" + mode);
        args.add(quote("-Dreftrack.jsonLog=" + logDir.resolve("events-" + FORK_NUMBER + ".jsonl")));
        args.add("-Dreftrack.reportAtExit=on");
        if (baseline != null) {
            args.add(quote("-Dreftrack.baseline=" + baseline));
        }
        if (existing != null && !existing.isBlank()) {
            args.add(existing.trim());
        }
        return String.join(" ", args);
    }

    /** The agent's argument: the profiles, then the specs, comma-separated. */
    static String options(String profiles, List<String> specs) {
        List<String> options = new ArrayList<>();
        if (profiles != null && !profiles.isBlank()) {
            options.add(profiles.trim());
        }
        specs.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).forEach(options::add);
        return String.join(",", options);
    }

    /** Surefire splits {@code argLine} at blanks outside double quotes. */
    private static String quote(String arg) {
        return arg.contains(" ") ? "\"" + arg + "\"" : arg;
    }
}
