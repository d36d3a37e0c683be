package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs an example application in a child JVM, with the agent jar the build made, and returns its output.
 *
 * <p>The output is not echoed: the examples leak and double-release on purpose, and their SEVERE
 * reports on the build's console would read as failures of a green build. Each run's command and
 * output are kept in {@code target/child-jvms/} instead, and a test that fails shows the output
 * of the child JVMs it ran in its failure ({@link ChildOutputOnFailure}).
 */
final class Child {
    static final Path AGENT = Path.of(System.getProperty("reftrack.agent.jar", "target/reftrack-agent.jar"));
    static final Path LIBS = Path.of(System.getProperty("reftrack.libs", "target/libs"));
    static final Path TEST_CLASSES = Path.of(System.getProperty("reftrack.test.classes", "target/test-classes"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    /**
     * For libraries that use {@code sun.misc.Unsafe}'s memory access (Netty 4.1, Arrow's unsafe
     * allocator): JDK 24+ warns about it on their behalf; this flag restores what JDK 23 did.
     */
    static final String UNSAFE_ALLOWED = "--sun-misc-unsafe-memory-access=allow";
    static final Path OUTPUTS = TEST_CLASSES.toAbsolutePath().resolveSibling("child-jvms");
    /** The agent's class cache for the child JVMs: the build's own, not the user's ({@code -Dreftrack.cache}). */
    static final Path CLASS_CACHE = TEST_CLASSES.toAbsolutePath().resolveSibling("class-cache");

    /** The transcripts of the child JVMs run by the current test, for {@link ChildOutputOnFailure}. */
    private static final List<String> CURRENT_TEST = new ArrayList<>();

    private Child() {
    }

    /** The class path of the examples with one library set ({@code netty41}, {@code lucene9}, ...). */
    static String classpath(String libs) throws IOException {
        List<String> entries = new ArrayList<>();
        entries.add(TEST_CLASSES.toString());
        if (libs != null) {
            try (Stream<Path> jars = Files.list(LIBS.resolve(libs))) {
                jars.sorted().forEach(jar -> entries.add(jar.toString()));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * Runs {@code java [jvmArgs] -cp classpath main args}, expects exit 0, returns stdout and stderr
     * (kept, not printed).
     */
    static String run(Path java, List<String> jvmArgs, String classpath, String main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-D" + CacheSettings.PROPERTY + "=" + CLASS_CACHE);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        keep(main + "-" + process.pid(), "$ " + String.join(" ", command) + "\n" + text);
        assertThat(exited).as("child exited; output:%n%s", text).isTrue();
        assertThat(process.exitValue()).as("child exit code; output:%n%s", text).isZero();
        return text;
    }

    private static void keep(String name, String transcript) throws IOException {
        synchronized (CURRENT_TEST) {
            CURRENT_TEST.add(transcript);
        }
        Files.createDirectories(OUTPUTS);
        Files.writeString(OUTPUTS.resolve(name + ".log"), transcript);
    }

    /** The transcripts ({@code $ command}, then the output) of the child JVMs run since {@link #forget()}. */
    static List<String> transcripts() {
        synchronized (CURRENT_TEST) {
            return List.copyOf(CURRENT_TEST);
        }
    }

    /** Forgets the transcripts of the previous test. */
    static void forget() {
        synchronized (CURRENT_TEST) {
            CURRENT_TEST.clear();
        }
    }

    static String agent(String options) {
        return "-javaagent:" + AGENT + "=" + options;
    }

    /** The exit report's text, from its first line on. */
    static String exitReport(String output) {
        int at = output.indexOf("reftrack-agent at exit:");
        assertThat(at).as("exit report in:%n%s", output).isNotNegative();
        return output.substring(at);
    }
}
