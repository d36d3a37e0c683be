package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-test checks with the agent: the reftrack-junit5 extension (auto-detected) and the agent in
 * a child JVM running the example test classes of {@code example.junit.BufferCases} on real
 * Netty, pooled buffers. The leaked buffers stay strongly reachable, so only the scope check can
 * find them; no GC is asked for.
 */
class JUnitScopesIT {
    private static final String CASES = "example.junit.BufferCases$";
    private static final String KEEP = "example.junit.BufferCases.keep(BufferCases.java:";

    private static String run(List<String> jvmArgs, String... classes) throws Exception {
        List<String> args = new ArrayList<>(jvmArgs);
        args.add("-Djunit.jupiter.extensions.autodetection.enabled=true");
        String[] names = Arrays.stream(classes).map(c -> CASES + c).toArray(String[]::new);
        String output = Child.run(Child.JAVA, args, classpath(), "example.junit.RunCases", names);
        assertThat(output).contains("RUN DONE");
        return output;
    }

    private static String withAgent(String... classes) throws Exception {
        return run(List.of(Child.agent("netty")), classes);
    }

    /** This module's test class path without the agent's own classes (the agent jar has them), plus the extension. */
    private static String classpath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (!normalized.endsWith("reftrack-agent/target/classes") && !normalized.contains("byte-buddy")) {
                entries.add(entry);
            }
        }
        entries.add(System.getProperty("reftrack.junit5.jar"));
        return String.join(File.pathSeparator, entries);
    }

    private static String result(String output, String test) {
        Matcher m = Pattern.compile("RESULT (\\w+) \\S*" + Pattern.quote(test) + "\\n").matcher(output);
        assertThat(m.find()).as("result of %s in:%n%s", test, output).isTrue();
        return m.group(1);
    }

    private static List<String> fingerprints(String output) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("FINGERPRINT (\\w+)").matcher(output);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void leakingTestFailsNamingItsLine_whileTheBufferIsStillReachable_andItsNeighboursPass() throws Exception {
        String output = withAgent("LeakInTheMiddle");

        assertThat(result(output, "[method:cleanBefore()]")).isEqualTo("SUCCESSFUL");
        assertThat(result(output, "[method:leaksARetain()]")).isEqualTo("FAILED");
        assertThat(result(output, "[method:cleanAfter()]")).isEqualTo("SUCCESSFUL");
        assertThat(output).containsOnlyOnce("MESSAGE ")
                .contains("1 object born here still holding references")
                .contains("netty_bytebuf born in LeakInTheMiddle.leaksARetain() has 1/1 users at\n"
                        + "  taken during: LeakInTheMiddle.leaksARetain() (1)\n  objects: 1\n")
                .contains("     " + KEEP)
                .contains("example.junit.BufferCases$LeakInTheMiddle.leaksARetain(BufferCases.java:");
        assertThat(output.indexOf("     " + KEEP))
                .isLessThan(output.indexOf("BufferCases$LeakInTheMiddle.leaksARetain(BufferCases.java:"));
    }

    @Test
    void cleanTestsPassAndNothingIsReported() throws Exception {
        String output = withAgent("AllClean");

        assertThat(result(output, "[method:roundTrip()]")).isEqualTo("SUCCESSFUL");
        assertThat(result(output, "[method:manyRoundTrips()]")).isEqualTo("SUCCESSFUL");
        assertThat(output).doesNotContain("MESSAGE").doesNotContain(" users at").doesNotContain("SEVERE")
                .doesNotContain("double release").contains("reftrack-agent at exit: no leaks found by the GC\n")
                .doesNotContain("still outstanding");
    }

    @Test
    void leakBornOnAnotherThreadFailsTheClassAfterAll_notTheTest() throws Exception {
        String output = withAgent("LeakOnAnExecutor");

        assertThat(result(output, "[method:leaksOnAnotherThread()]")).isEqualTo("SUCCESSFUL");
        assertThat(result(output, "[method:cleanOnAnotherThread()]")).isEqualTo("SUCCESSFUL");
        assertThat(result(output, "[class:example.junit.BufferCases$LeakOnAnExecutor]")).isEqualTo("FAILED");
        assertThat(output).containsOnlyOnce("MESSAGE ")
                .contains("netty_bytebuf born in BufferCases$LeakOnAnExecutor has 1/1 users at")
                .contains("     " + KEEP);
    }

    @Test
    void allowedSiteFailsNoTest() throws Exception {
        String output = withAgent("AllowedSite");

        assertThat(result(output, "[method:leaksAtAnAllowedSite()]")).isEqualTo("SUCCESSFUL");
        assertThat(output).doesNotContain("MESSAGE");
    }

    @Test
    void parallelClassesBlameEachTheirOwnLeakingTest() throws Exception {
        String output = run(List.of(Child.agent("netty"), "-Djunit.jupiter.execution.parallel.enabled=true",
                "-Djunit.jupiter.execution.parallel.mode.default=same_thread",
                "-Djunit.jupiter.execution.parallel.mode.classes.default=concurrent",
                "-Djunit.jupiter.execution.parallel.config.strategy=fixed",
                "-Djunit.jupiter.execution.parallel.config.fixed.parallelism=2"), "ParallelOne", "ParallelTwo");

        assertThat(result(output, "[method:leaksInOne()]")).isEqualTo("FAILED");
        assertThat(result(output, "[method:leaksInTwo()]")).isEqualTo("FAILED");
        assertThat(result(output, "[method:cleanInOne()]")).isEqualTo("SUCCESSFUL");
        assertThat(result(output, "[method:cleanInTwo()]")).isEqualTo("SUCCESSFUL");
        assertThat(output).contains("netty_bytebuf born in ParallelOne.leaksInOne() has 1/1 users at")
                .contains("netty_bytebuf born in ParallelTwo.leaksInTwo() has 1/1 users at")
                .contains("BufferCases$ParallelOne.leaksInOne(BufferCases.java:")
                .contains("BufferCases$ParallelTwo.leaksInTwo(BufferCases.java:");
        assertThat(output.split("MESSAGE ", -1)).hasSize(3);
    }

    @Test
    void leakInTheBaselineFailsNoTest(@TempDir Path dir) throws Exception {
        List<String> fingerprints = fingerprints(withAgent("LeakInTheMiddle"));
        assertThat(fingerprints).hasSize(1);
        Path baseline = dir.resolve("reftrack-baseline.json");
        Files.writeString(baseline, "{\n  \"entries\" : [ {\n    \"fingerprint\" : \"" + fingerprints.get(0)
                + "\",\n    \"kind\" : \"leak\"\n  } ]\n}\n");

        String output = run(List.of(Child.agent("netty"), "-Dreftrack.baseline=" + baseline), "LeakInTheMiddle");

        assertThat(result(output, "[method:leaksARetain()]")).isEqualTo("SUCCESSFUL");
        assertThat(output).doesNotContain("MESSAGE");
    }

    @Test
    void malformedBaselineIsNamedInTheFailure_andAcceptsNothing(@TempDir Path dir) throws Exception {
        Path baseline = dir.resolve("reftrack-baseline.json");
        Files.writeString(baseline, "[ not a baseline");

        String output = run(List.of(Child.agent("netty"), "-Dreftrack.baseline=" + baseline), "LeakInTheMiddle");

        assertThat(result(output, "[method:leaksARetain()]")).isEqualTo("FAILED");
        assertThat(output).contains("baseline " + baseline + " is not a reftrack baseline");
    }

    @Test
    void withoutTheAgentTheExtensionBehavesAsBefore_nettyLeaksAreNotItsBusiness() throws Exception {
        String output = run(List.of(), "LeakInTheMiddle", "AllClean");

        assertThat(output).doesNotContain("MESSAGE").doesNotContain("reftrack-agent");
        assertThat(result(output, "[method:leaksARetain()]")).isEqualTo("SUCCESSFUL");
    }
}
