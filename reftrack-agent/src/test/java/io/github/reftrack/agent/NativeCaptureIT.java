package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The agent with the native stack capture at a small depth: the user's frame of each leak is
 * kept however many agent and Netty frames lie above it, so two leaks stay two (issue 17,
 * defect 10). Where the native library cannot load, the agent captures in Java and the same
 * report is expected.
 */
class NativeCaptureIT {
    private static final String APP = "example.netty.DerivedLeaksApp";
    private static final String HEADER = "example.netty.DerivedLeaksApp.header(DerivedLeaksApp.java:";
    private static final String BODY = "example.netty.DerivedLeaksApp.body(DerivedLeaksApp.java:";

    private static String run(String netty, String depth, String leakEvery) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent("netty"), "-Dreftrack.capture=native",
                "-Dreftrack.depth=" + depth), Child.classpath(netty), APP, "pooled", "1000", leakEvery);
    }

    @ParameterizedTest
    @CsvSource({"netty41,3", "netty42,3", "netty42,1"})
    void twoDerivedBufferLeaksStayTwo_withTheirUserFrames(String netty, String depth) throws Exception {
        String report = Child.exitReport(run(netty, depth, "250"));

        assertThat(report).startsWith("reftrack-agent at exit: 2 distinct leak(s) found by the GC\n")
                .contains("4 reference(s) at\n     " + HEADER).contains("4 reference(s) at\n     " + BODY);
    }

    @ParameterizedTest
    @CsvSource({"netty41,3", "netty42,1"})
    void nothingIsReported_whenEveryDerivedBufferIsReleased(String netty, String depth) throws Exception {
        String output = run(netty, depth, "0");

        assertThat(output).contains("rounds 1000").doesNotContain("leaked").doesNotContain("already released");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }
}
