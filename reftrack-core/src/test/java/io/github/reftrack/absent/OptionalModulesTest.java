package io.github.reftrack.absent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<String> arguments = new ArrayList<>(List.of(jvmOptions));
        arguments.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.jsonLog=" + tmp.resolve("events.jsonl")));
        arguments.addAll(ChildJvm.onModulePath());
        arguments.add(LeakingMain.class.getName());
        return List.of(ChildJvm.run(arguments, 60).split("\n"));
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
