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

/** Runs an example application in a child JVM, with the agent jar the build made, and returns its output. */
final class Child {
    static final Path AGENT = Path.of(System.getProperty("reftrack.agent.jar", "target/reftrack-agent.jar"));
    static final Path LIBS = Path.of(System.getProperty("reftrack.libs", "target/libs"));
    static final Path TEST_CLASSES = Path.of(System.getProperty("reftrack.test.classes", "target/test-classes"));
    static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

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

    /** Runs {@code java [jvmArgs] -cp classpath main args}, expects exit 0, returns stdout and stderr. */
    static String run(Path java, List<String> jvmArgs, String classpath, String main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println("$ " + String.join(" ", command) + "\n" + text);
        assertThat(exited).as("child exited").isTrue();
        assertThat(process.exitValue()).as("child exit code; output:%n%s", text).isZero();
        return text;
    }

    /**
     * Like {@link #run}, for children that report leaks on purpose: their output is returned, and
     * printed only in the message of a failed expectation, not echoed to the build's console.
     */
    static String runQuietly(Path java, List<String> jvmArgs, String classpath, String main, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(main);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(exited).as("child exited: %s", command).isTrue();
        assertThat(process.exitValue()).as("child exit code of %s; output:%n%s", command, text).isZero();
        return text;
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
