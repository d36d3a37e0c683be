package io.github.reftrack.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reftrack attach <pid> PROFILES}: loads reftrack-agent into a running JVM, which then tracks
 * the references of the profiles' classes from now on. References taken before are unknown; their
 * releases are counted, never reported as misuse.
 */
@Command(name = "attach",
        mixinStandardHelpOptions = true,
        description = {
            "Load reftrack-agent into a running JVM: track the references of existing ref-counted classes"
                + " (netty, lucene, class=FQN,acquire=m,release=m) from now on, with no restart.",
            "Then 'reftrack dump <pid>' shows the live references by acquire stack."})
final class AttachCommand implements Callable<Integer> {
    /** Where to find the agent jar when {@code --agent} is not given. */
    static final String AGENT_JAR_PROPERTY = "reftrack.agent.jar";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of the JVM")
    private long pid;

    @Parameters(index = "1", paramLabel = "PROFILES",
            description = "comma-separated profiles: netty (netty=PREFIX for a relocated copy), lucene, @file,"
                    + " class=FQN,acquire=m1|m2,release=m3; a name the agent does not know is refused with the"
                    + " known ones")
    private String profiles;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "full",
            description = "full (every reference) or sample (one object in reftrack.sample); default ${DEFAULT-VALUE}")
    private String mode;

    @Option(names = "--pairing", paramLabel = "POLICY",
            description = "which reference an anonymous release returns: default, oldest or newest")
    private String pairing;

    @Option(names = "--agent", paramLabel = "JAR", description = "the agent jar (default: next to this command's"
            + " jar, or reftrack-agent/target/reftrack-agent.jar in the source tree)")
    private Path agent;

    @Override
    public Integer call() {
        if (pid <= 0) {
            throw new ParameterException(spec.commandLine(), "PID must be a positive process id, was " + pid);
        }
        String m = mode.trim().toLowerCase(Locale.ROOT);
        if (!m.equals("full") && !m.equals("sample")) {
            throw new ParameterException(spec.commandLine(), "--mode must be full or sample, was " + mode);
        }
        if (profiles.isBlank()) {
            throw new ParameterException(spec.commandLine(), "PROFILES is empty: give netty, lucene or a class= spec");
        }
        Path jar = agentJar();
        String options = withAbsoluteFiles(profiles) + ",mode=" + m + (pairing == null ? "" : ",pairing=" + pairing);
        try (AgentJar agentJar = AgentJar.open(jar)) {
            List<String> problems = agentJar.check(options);
            if (!problems.isEmpty()) {
                problems.forEach(problem -> spec.commandLine().getErr().println(spec.qualifiedName() + ": " + problem));
                throw new CliException(ExitCode.USAGE, "nothing was loaded into JVM " + pid
                        + ": correct the profiles above", null);
            }
            try (AttachedJvm jvm = AttachedJvm.attach(pid)) {
                Properties before = jvm.systemProperties();
                String loaded = before.getProperty(agentJar.property("LOADED_PROPERTY"));
                if (loaded != null) {
                    throw new CliException("reftrack-agent is already loaded in JVM " + pid + " (" + loaded
                            + "); use 'reftrack dump " + pid + "'");
                }
                jvm.loadAgent(jar.toString(), options);
                reportStart(agentJar, jvm, before, jvm.freshSystemProperties());
            }
        }
        return ExitCode.OK;
    }

    /** Prints what the agent said about its start; fails when it tracks nothing. */
    private void reportStart(AgentJar agentJar, AttachedJvm jvm, Properties before, Properties after) {
        String starts = agentJar.property("STARTS_PROPERTY");
        if (Objects.equals(before.getProperty(starts), after.getProperty(starts))) {
            throw new CliException("reftrack-agent was loaded into JVM " + pid + " but did not report its start"
                    + " (its standard error may say why)");
        }
        String[] result = after.getProperty(agentJar.property("RESULT_PROPERTY"), "").split("\n");
        for (int i = 1; i < result.length; i++) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": JVM " + pid + ": " + result[i]);
        }
        if (!Boolean.parseBoolean(after.getProperty(agentJar.property("TRACKING_PROPERTY")))) {
            throw new CliException("reftrack-agent started in JVM " + pid + " but " + result[0]);
        }
        spec.commandLine().getOut().println("reftrack-agent loaded into JVM " + pid + " (" + jvm.mainClass() + "): "
                + result[0] + " (their releases are counted, not reported). Run 'reftrack dump " + pid
                + "' to see live references.");
    }

    /** {@code @file} items name files relative to this command's directory, not the target's. */
    static String withAbsoluteFiles(String profiles) {
        StringJoiner absolute = new StringJoiner(",");
        for (String item : profiles.split(",", -1)) {
            String trimmed = item.strip();
            try {
                absolute.add(trimmed.startsWith("@") ? "@" + Path.of(trimmed.substring(1)).toAbsolutePath() : item);
            } catch (InvalidPathException e) {
                absolute.add(item);
            }
        }
        return absolute.toString();
    }

    private Path agentJar() {
        List<Path> candidates = new ArrayList<>();
        if (agent != null) {
            candidates.add(agent);
        } else {
            String configured = System.getProperty(AGENT_JAR_PROPERTY);
            if (configured != null) {
                candidates.add(Path.of(configured));
            }
            Path here = commandJarDirectory();
            if (here != null) {
                candidates.add(here.resolve("reftrack-agent.jar"));
                candidates.add(here.resolve("../../reftrack-agent/target/reftrack-agent.jar").normalize());
            }
            candidates.add(Path.of("reftrack-agent/target/reftrack-agent.jar"));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new CliException("cannot find reftrack-agent.jar (looked at " + candidates + "): build it with"
                + " 'mvn -pl reftrack-agent -am package -DskipTests' or give --agent PATH");
    }

    /** The directory holding this command's jar (or its classes directory); null if unknown. */
    private static Path commandJarDirectory() {
        CodeSource source = AttachCommand.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
