package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code arrow} profile on Apache Arrow's memory module ({@code example.arrow.ArrowApp}: 20,000
 * buffers from a root allocator, each retained for a consumer), JDK 17 and 25.
 */
class ArrowAgentIT {
    private static final String APP = "example.arrow.ArrowApp";
    /** What Arrow 18+ needs on JDK 17+ to reach direct buffers' addresses. */
    private static final String OPENS = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static String run(String jdk, String leakEvery) throws Exception {
        Path java = jdk.equals("25") ? Child.JAVA_25 : Child.JAVA;
        List<String> jvmArgs = java.equals(Child.JAVA_25)
                ? List.of(Child.agent("arrow"), OPENS, Child.UNSAFE_ALLOWED) : List.of(Child.agent("arrow"), OPENS);
        return Child.run(java, jvmArgs, Child.classpath("arrow"), APP, "20000", leakEvery);
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void plantedRetainLeakIsReportedAtItsLineWithItsExactCount(String jdk) throws Exception {
        String report = Child.exitReport(run(jdk, "5000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "arrow_buf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 20000 taken, 19996 released\n"
                + "     example.arrow.ArrowApp.share(ArrowApp.java:40)\n");
        assertThat(report).doesNotContain("still outstanding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void nothingIsReported_whenEveryBufferIsReleased(String jdk) throws Exception {
        String output = run(jdk, "0");

        assertThat(output).contains("buffers 20000");
        SpecShapesIT.assertClean(output);
    }
}
