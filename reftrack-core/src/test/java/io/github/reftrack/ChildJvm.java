package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program of the test classes in a JVM of its own, for the scenarios that would damage or
 * depend on the test JVM's state (heap and stack exhaustion, class loading, shutdown hooks,
 * absent modules). The output is read while the child runs, so a chatty child cannot block on a
 * full pipe.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * The options that put reftrack-core on the module path and the test classes on the class path.
     *
     * @return {@code -p target/classes --add-modules io.github.reftrack -cp target/test-classes}
     */
    public static List<String> onModulePath() {
        return List.of("-p", Path.of("target", "classes").toString(), "--add-modules", "io.github.reftrack",
                "-cp", Path.of("target", "test-classes").toString());
    }

    /**
     * Runs {@code java ARGUMENTS} with the running JDK and checks that it ends with exit code 0.
     *
     * @param arguments      JVM options, class path and main class, as on a command line
     * @param timeoutSeconds how long the child may take
     * @return standard output and standard error, interleaved
     * @throws IOException          if the child cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static String run(List<String> arguments, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return output;
    }
}
