package io.github.reftrack.absent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdk.jfr} and {@code java.management} are optional: reftrack on the module path of a JVM
 * without them still reports leaks and writes its JSON log. Runs {@link LeakingMain} in a child
 * JVM, without the modules, with them (the control, so the test can fail) and with
 * {@code -Dreftrack.jmx=off}; system properties are read once per JVM, hence the child.
 */
class OptionalModulesTest {
    @TempDir
    Path tmp;

    private List<String> run(String... jvmOptions) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.jsonLog=" + tmp.resolve("events.jsonl"),
                "-p", Path.of("target", "classes").toString(), "--add-modules", "io.github.reftrack",
                "-cp", Path.of("target", "test-classes").toString(), LeakingMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        List<String> output = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertThat(process.exitValue()).as("exit code; output:%n%s", String.join("\n", output)).isZero();
        return output;
    }

    @Test
    void leaksAreReportedAndLoggedWithoutJfrAndJmx() throws Exception {
        List<String> output = run("--limit-modules", "java.base,java.logging,io.github.reftrack");

        assertThat(output).contains("leaks=1 mbean=null");
        assertThat(String.join("\n", output)).doesNotContain("Error", "Exception", "could not");
        assertThat(Files.readAllLines(tmp.resolve("events.jsonl"))).singleElement().asString()
                .contains("\"event\":\"leak\"", "\"className\":\"absent\"");
    }

    @Test
    void theMxBeanIsRegisteredWhenTheModulesArePresent() throws Exception {
        List<String> output = run();

        assertThat(output).contains("leaks=1 mbean=io.github.reftrack:type=RefTracking");
    }

    @Test
    void jmxOffKeepsTheMxBeanUnregistered() throws Exception {
        List<String> output = run("-Dreftrack.jmx=off");

        assertThat(output).contains("leaks=1 mbean=null");
    }
}
