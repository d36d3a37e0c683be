package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.CallStack;
import io.github.reftrack.LeakReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the core's JSON writer adds, the CLI reads back: the same report renders the same text. */
class ReportJsonSchemaTest {
    private static final StackTraceElement GET = new StackTraceElement("com.example.Pool", "get", "Pool.java", 10);

    @Test
    void holdAgesAndReferencesWithoutAStackSurviveJson() {
        LeakReport report = new LeakReport("pool", "pool@00000000c0ffee11", 3, 0, List.of(
                new LeakReport.Group(2, List.of(GET), "0123456789abcdef", List.of("cache"), Duration.ofSeconds(133),
                        Duration.ofSeconds(4)),
                new LeakReport.Group(1, List.of(GET), "fedcba9876543210", List.of())), 9);

        List<LeakReport> parsed = ReportJson.parse(report.toJson()).reports();

        assertThat(parsed).singleElement().satisfies(back -> {
            assertThat(back).isEqualTo(report);
            assertThat(back.toString()).isEqualTo(report.toString())
                    .contains("has 2/12 users at (oldest 2m13s)", "and 9 more counted without a stack");
        });
    }

    @Test
    void contextTagsSurviveJson_andShowAsTheSameTakenDuringLine() {
        LeakReport report = new LeakReport("cache", "cache@00000000c0ffee11", 4, 0, List.of(
                new LeakReport.Group(4, CallStack.of(List.of(GET)), List.of(), null, null, 0, null,
                        LeakReport.Contexts.of(Map.of("CacheTest.evicts()", 3, "CacheTest.loads()", 1)))));

        List<LeakReport> parsed = ReportJson.parse(report.toJson()).reports();

        assertThat(parsed).singleElement().satisfies(back -> {
            assertThat(back).isEqualTo(report);
            assertThat(back.toString()).isEqualTo(report.toString())
                    .contains("has 4/4 users at\n  taken during: CacheTest.evicts() (3), CacheTest.loads() (1)\n");
        });
    }

    @Test
    void aNegativeHoldAgeIsRefusedNamingTheField() {
        String json = "{\"className\":\"c\",\"dirName\":\"c@1\",\"totalUsers\":1,\"skippedUsers\":0,\"groups\":"
                + "[{\"users\":1,\"fingerprint\":\"0123456789abcdef\",\"holders\":[],\"oldestMillis\":-5,"
                + "\"frames\":[]}]}";
        assertThatThrownBy(() -> ReportJson.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groups[0].oldestMillis").hasMessageContaining("non-negative");
    }
}
