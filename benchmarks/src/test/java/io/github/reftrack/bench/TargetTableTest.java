package io.github.reftrack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The targets table: each row's ratio, its verdict on the mean, and rows left out when not run. */
class TargetTableTest {
    private static final String PIPELINE = "AgentPipelineBenchmark.";

    @Test
    void agentFullRow_isMetAtOrBelowThreeTenthsOfParanoid() {
        String table = render(Map.of(PIPELINE + "agentFull", ns(3000), PIPELINE + "nettyParanoid", ns(10000)));

        assertThat(table).contains("| agent, full ≤ 0.3× Netty PARANOID (Netty pipeline) | 3000 ± 30 / 10000 ± 100"
                + " ns/op | 0.300 ± 0.004× | ✔ |");
    }

    @Test
    void agentSampleRow_failsAboveSimple() {
        String table = render(Map.of(PIPELINE + "agentSample", ns(250), PIPELINE + "nettySimple", ns(240)));

        assertThat(table)
                .containsPattern("\\| agent, sample ≤ 1\\.0× Netty SIMPLE \\(Netty pipeline\\) \\|.*\\| ✘ \\|");
    }

    @Test
    void reportedRows_carryNoVerdict() {
        String table = render(Map.of("CloseableBenchmark.agentCloseableSample", ns(11000),
                "CloseableBenchmark.noAgent", ns(8000)));

        assertThat(table).containsPattern("\\| agent `closeable`, sample: .*\\(no target; reported\\) \\|.*\\| 1\\.38"
                + ".*× \\| — \\|");
    }

    @Test
    void rowsWhoseBenchmarksDidNotRun_areLeftOut() {
        String table = render(Map.of(PIPELINE + "agentFull", ns(3000)));

        assertThat(table).doesNotContain("agent, full ≤").contains("| " + PIPELINE + "agentFull | 3000 ± 30 | ns/op |");
    }

    private static Score ns(double value) {
        return new Score(value, value / 100, "ns/op");
    }

    private static String render(Map<String, Score> scores) {
        return new TargetTable(new TreeMap<>(scores), Map.of()).render();
    }
}
