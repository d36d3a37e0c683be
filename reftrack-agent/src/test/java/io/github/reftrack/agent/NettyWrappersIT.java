package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Netty's own leak detector at each level, composite buffers built every way, unreleasable
 * constants: a correct program gets no report, a dropped composite is one leak at its line with its
 * components counted as its consequences. SIMPLE (Netty's default) wraps about one buffer in 128 in a
 * leak-aware wrapper, so the runs at that level build 60,000 allocator composites.
 */
class NettyWrappersIT {
    private static final String APP = "example.netty.CompositeApp";
    private static final String LEAK = "example.netty.CompositeApp.leak(CompositeApp.java:";

    private static String composites(String netty, String allocator, String level, int rounds, int leakEvery)
            throws Exception {
        List<String> jvmArgs = List.of(Child.agent("netty"), "-Dio.netty.leakDetection.level=" + level);
        return Child.run(Child.JAVA, jvmArgs, Child.classpath(netty), APP, allocator,
                String.valueOf(rounds), String.valueOf(leakEvery));
    }

    @ParameterizedTest
    @CsvSource({"netty41,pooled,simple,20000", "netty41,unpooled,simple,20000", "netty42,pooled,simple,20000",
        "netty42,unpooled,simple,20000", "netty41,pooled,paranoid,2000", "netty42,pooled,paranoid,2000",
        "netty42,unpooled,advanced,2000", "netty41,unpooled,disabled,5000", "netty42,pooled,disabled,5000"})
    void nothingIsReported_whenEveryCompositeIsReleased_atAnyLevelOfNettysDetector(String netty, String allocator,
            String level, int rounds) throws Exception {
        String output = composites(netty, allocator, level, rounds, 0);

        assertThat(output).contains("rounds " + rounds);
        Reports.assertNothingReported(output);
    }

    @ParameterizedTest
    @CsvSource({"netty41,pooled", "netty42,pooled", "netty42,unpooled"})
    void droppedCompositeIsOneLeakAtItsLine_withItsComponentsCountedAsConsequences(String netty, String allocator)
            throws Exception {
        String report = Child.exitReport(composites(netty, allocator, "simple", 20000, 5000));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n     " + LEAK);
        assertThat(report).contains("8 component buffer(s) kept alive only by the leaked composite buffers above")
                .doesNotContain("java.lang.Thread.run").doesNotContain("still outstanding");
    }

    @ParameterizedTest
    @CsvSource({"netty41,pooled,0", "netty42,pooled,5000"})
    void compositesAreCountedTheSameWay_whenTheAgentIsAttachedWhileTheyAreInUse(String netty, String allocator,
            int leakEvery) throws Exception {
        List<String> jvmArgs = List.of("-Djdk.attach.allowAttachSelf=true");
        String output = Child.run(Child.JAVA, jvmArgs, Child.classpath(netty), APP, allocator, "20000",
                String.valueOf(leakEvery), Child.AGENT.toString());

        if (leakEvery == 0) {
            Reports.assertNothingReported(output);
        } else {
            assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the"
                    + " GC\nnetty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n     " + LEAK)
                    .contains("8 component buffer(s) kept alive only by the leaked composite buffers above");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty41", "netty42"})
    void unreleasableConstantsAreNotTracked_soNothingIsHeldByTheLineThatLoadedThem(String netty) throws Exception {
        String output = composites(netty, "unpooled", "disabled", 10, 0);

        assertThat(Child.exitReport(output)).doesNotContain("held").doesNotContain("CompositeApp.<clinit>");
    }
}
