package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Netty profile on Netty 4.1 and 4.2, pooled, unpooled and adaptive allocators: a pipeline of
 * 20,480 frames in which a write-behind store refuses (and leaks) one frame in 5,000.
 */
class NettyAgentIT {
    private static final String APP = "example.netty.PipelineApp";
    private static final String FRAMES = "20480";
    private static final String PUT = "example.netty.WriteBehindStore.put(WriteBehindStore.java:";

    private static String pipeline(String netty, String allocator, String refuseEvery, String... jvmArgs)
            throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(Child.agent("netty")));
        args.addAll(List.of(jvmArgs));
        return Child.run(Child.JAVA, args, Child.classpath(netty), APP, allocator, FRAMES, refuseEvery);
    }

    @ParameterizedTest
    @CsvSource({"netty41,pooled", "netty41,unpooled", "netty42,pooled", "netty42,unpooled", "netty42,adaptive"})
    void plantedLeakIsReportedAtTheRetainLineWithItsExactCount_whenRunWithTheAgent(String netty, String allocator)
            throws Exception {
        String report = Child.exitReport(pipeline(netty, allocator, "5000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 20480 taken, 20476 released\n     " + PUT);
        assertThat(report).contains("\nnetty_bytebuf at exit: releases were paired with references by inference (");
        assertThat(report).doesNotContain("still outstanding");
    }

    @ParameterizedTest
    @CsvSource({"netty41,pooled", "netty41,unpooled", "netty42,pooled", "netty42,adaptive"})
    void nothingIsReported_whenEveryFrameIsReleased(String netty, String allocator) throws Exception {
        String output = pipeline(netty, allocator, "0");

        assertThat(output).doesNotContain(" users at").doesNotContain("the same leak again");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty41", "netty42"})
    void parentOfALeakedPooledSliceIsCountedAsItsConsequence_notAsALeakOfItsOwn(String netty) throws Exception {
        String report = Child.exitReport(pipeline(netty, "pooled", "5000"));

        assertThat(report).contains("4 parent buffer(s) kept alive only by the leaked derived buffers above")
                .doesNotContain("example.netty.FrameDecoder.decode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty41", "netty42"})
    void doubleReleaseIsReportedWithThreeStacksBeforeNettyThrows(String netty) throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty")), Child.classpath(netty), APP,
                "unpooled", "0", "0", "double-release");

        int reported = output.indexOf("reference already released.");
        assertThat(reported).isNotNegative().isLessThan(output.indexOf("netty threw IllegalReferenceCountException"));
        String event = output.substring(reported);
        assertThat(event).contains("allocated in:\n example.netty.PipelineApp.doubleRelease(PipelineApp.java:")
                .contains("freed in:\n example.netty.PipelineApp.doubleRelease(PipelineApp.java:")
                .contains("released again in:\n example.netty.PipelineApp.doubleRelease(PipelineApp.java:");
    }

    @Test
    void defaultAndOldestPairingBlameTheRetain_newestBlamesTheAllocation() throws Exception {
        String byDefault = Child.exitReport(pipeline("netty42", "pooled", "5000"));
        String oldest = Child.exitReport(pipeline("netty42", "pooled", "5000", "-Dreftrack.pairing=oldest"));
        String newest = Child.exitReport(pipeline("netty42", "pooled", "5000", "-Dreftrack.pairing=newest"));

        String retained = "4 reference(s) at\n  acquire site: 20480 taken, 20476 released\n     " + PUT;
        assertThat(byDefault).contains(retained);
        assertThat(oldest).contains(retained).contains("(oldest first)");
        assertThat(newest).contains("4 reference(s) at\n     example.netty.FrameDecoder.decode(FrameDecoder.java:")
                .contains("(newest first)").doesNotContain(PUT);
    }

    @Test
    void agentTracksNothing_whenModeIsOff() throws Exception {
        String output = pipeline("netty42", "pooled", "5000", "-Dreftrack.mode=off");

        assertThat(output).contains("frames 20480").doesNotContain("reftrack-agent at exit").doesNotContain("leaked");
    }

    @Test
    void exitReportIsLeftOut_whenReportAtExitIsOff() throws Exception {
        String output = pipeline("netty42", "unpooled", "0", "-Dreftrack.reportAtExit=off");

        assertThat(output).contains("frames 20480").doesNotContain("reftrack-agent at exit");
    }
}
