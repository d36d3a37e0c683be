package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Leaks found outside {@code close()} (the agent's): published to the sinks, grouped, totalled, logged at a rate. */
class PublishTest {

    /** Kept reachable for the test: a directory collected unclosed is reported (and logged) on its own. */
    private RefTrackerDir dir;

    private LeakReport counted(TestRuntime test) {
        dir = test.fullDir("published", 0);
        dir.alloc();
        LeakReport report = dir.report(16);
        return report.withGroups(group -> group.withCounts(1, new LeakReport.SiteBalance(20000, 19980)))
                .withPairing("oldest");
    }

    @Test
    void everyPublishedLeakReachesListeners_theLogGetsTheFirstOnItsStacks_andNothingThrows() {
        TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                .withThrowOnError(true));
        LeakReport report = counted(test);
        try (Recorder heard = new Recorder(test.runtime); LogCapture log = new LogCapture()) {
            test.runtime.publish(report);
            test.runtime.publish(report);

            assertThat(heard.leaks).containsExactly(report, report);
            assertThat(log.messages()).containsExactly(report.toString());
        }
    }

    @Test
    void repeatsAreLoggedAsOneLineWithTheRunningCount_onceTheIntervalHasPassed() {
        TestRuntime test = new TestRuntime();
        LeakReport report = counted(test);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                test.runtime.publish(report);
            }
            test.clock.addAndGet(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
            test.runtime.publish(report);

            assertThat(log.messages()).hasSize(2).first().isEqualTo(report.toString());
            assertThat(log.messages().get(1)).startsWith("published: 4 objects leaked so far on the stack first"
                    + " reported at ").endsWith(" (3 since the last line)");
        }
    }

    @Test
    void foundLeaksTotalEachStack_andTheirPublishedTotalsAreNotCountedAgain() {
        TestRuntime test = new TestRuntime();
        LeakReport report = counted(test);
        try (Recorder heard = new Recorder(test.runtime); LogCapture log = new LogCapture()) {
            test.runtime.publish(report);
            test.runtime.publish(report);
            test.runtime.publish(report);
            LeakReport total = test.runtime.foundLeaks().get(0);
            test.runtime.publish(total);

            assertThat(test.runtime.foundLeaks()).containsExactly(total);
            assertThat(total.isExitSummary()).isTrue();
            assertThat(total.dirName()).isEqualTo("published at exit");
            assertThat(total.totalUsers()).isEqualTo(3);
            assertThat(total.pairing()).isEqualTo("oldest");
            assertThat(total.groups()).singleElement().satisfies(group -> {
                assertThat(group.objects()).isEqualTo(3);
                assertThat(group.users()).isEqualTo(3);
                assertThat(group.balance()).isEqualTo(new LeakReport.SiteBalance(20000, 19980));
            });
            assertThat(heard.leaks).hasSize(4).last().isEqualTo(total);
            assertThat(log.messages()).hasSize(1);
        }
    }

    @Test
    void totalsNameTheHoldersOfEveryObject_distinct_keepingAHundredAtMost() {
        TestRuntime test = new TestRuntime();
        LeakReport report = counted(test);
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < 150; i++) {
                String name = "/tmp/file-" + (i % 120) + ".txt";
                test.runtime.publish(report.withGroups(group -> new LeakReport.Group(group.users(), group.stack(),
                        List.of(name), null, null, 1, null)));
            }

            LeakReport.Group total = test.runtime.foundLeaks().get(0).groups().get(0);
            assertThat(total.holders()).hasSize(100).startsWith("/tmp/file-0.txt", "/tmp/file-1.txt")
                    .doesNotHaveDuplicates();
            assertThat(total.heldBy()).isEqualTo("/tmp/file-0.txt, /tmp/file-1.txt, /tmp/file-2.txt, "
                    + "/tmp/file-3.txt, /tmp/file-4.txt, +95 more");
            assertThat(log.messages()).hasSize(1);
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
