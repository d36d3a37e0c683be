package io.github.reftrack.bench.scenario;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The options of a scenario's driver, {@code --name value} pairs with defaults for a run from the
 * repository root after {@code mvn package}.
 */
final class ScenarioOptions {
    /** reftrack-agent's shaded jar, relative to the repository root. */
    static final String AGENT = "reftrack-agent/target/reftrack-agent.jar";
    /** JaCoCo's agent, copied there by the benchmarks module's build. */
    static final String JACOCO = "benchmarks/target/scenario-agents/jacocoagent.jar";
    /** A user's class path: the scenario programs and Netty, nothing of reftrack. */
    static final String CLASS_PATH = "benchmarks/target/classes" + File.pathSeparator
            + "benchmarks/target/scenario-lib/*";

    private final Map<String, String> values = new HashMap<>();

    /**
     * Parses the arguments over the defaults.
     *
     * @param defaults the options' defaults; no other option is accepted
     * @param args     {@code --name value} pairs
     * @throws IllegalArgumentException naming an unknown option or one without a value
     */
    ScenarioOptions(Map<String, String> defaults, String... args) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'; options: --"
                        + String.join(", --", defaults.keySet()));
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            values.put(name, args[i + 1]);
        }
    }

    String text(String name) {
        return values.get(name);
    }

    int number(String name) {
        try {
            return Integer.parseInt(values.get(name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, was '" + values.get(name) + "'",
                    e);
        }
    }

    /**
     * A file that must exist.
     *
     * @param name the option naming it
     * @param hint what to do when it is missing
     * @return its path
     * @throws IllegalArgumentException if it does not exist
     */
    Path file(String name, String hint) {
        Path path = Path.of(values.get(name));
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("--" + name + " " + path + " does not exist: " + hint);
        }
        return path.toAbsolutePath();
    }

    /**
     * The {@code java} launcher of the JVM running the driver: the children run on the same JDK.
     *
     * @return its path
     */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
