package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Leaks found outside {@code close()} (the agent's): published to the sinks, counted, logged when asked. */
class PublishTest {

    private static LeakReport counted(TestRuntime test) {
        RefTrackerDir dir = test.fullDir("published", 0);
        dir.alloc();
        LeakReport report = dir.report(16);
        return report.withGroups(group -> group.withCounts(1, new LeakReport.SiteBalance(20000, 19980)))
                .withPairing("oldest");
    }

    @Test
    void publishedLeakReachesListenersAndTheLogOnlyWhenLogged_andNeverThrows() {
        TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                .withThrowOnError(true));
        LeakReport report = counted(test);
        try (Recorder heard = new Recorder(test.runtime); LogCapture log = new LogCapture()) {
            test.runtime.publish(report, false);
            test.runtime.publish(report, true);

            assertThat(heard.leaks).containsExactly(report, report);
            assertThat(log.messages()).containsExactly(report.toString());
        }
    }

    @Test
    void countsAreInTheTextAndSurviveJson() {
        LeakReport report = counted(new TestRuntime());

        assertThat(report.toString()).contains("  objects: 1\n  acquire site: 20000 taken, 19980 released\n")
                .contains(": releases were paired with references by inference (oldest)\n");
        assertThat(EventJson.read(EventJson.tagged(report))).isEqualTo(report);
    }
}
