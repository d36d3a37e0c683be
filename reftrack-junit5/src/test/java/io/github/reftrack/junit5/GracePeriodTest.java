package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class GracePeriodTest {

    /** Releases {@code tracker} on another thread once {@code go} opens; returns that thread. */
    static Thread releaseLater(RefTrackerDir dir, RefTracker tracker, CountDownLatch go) {
        Thread releaser = new Thread(() -> {
            try {
                if (go.await(30, TimeUnit.SECONDS)) {
                    dir.free(tracker);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "victim-releaser");
        releaser.setDaemon(true);
        releaser.start();
        return releaser;
    }

    @Victim
    static class ReleasesAfterTheTest {
        /** Ends as soon as the counts are back, so the generous bound costs nothing. */
        @RegisterExtension
        final LeakCheckExtension leaks = LeakCheckExtension.builder().gracePeriod(Duration.ofSeconds(20)).build();

        static final CountDownLatch TEST_RETURNED = new CountDownLatch(1);
        static final RefTrackerDir[] DIR = new RefTrackerDir[1];

        @Test
        void handsReferenceToAnotherThread() {
            DIR[0] = RefTrackerDir.create("victim_async", 0);
            releaseLater(DIR[0], DIR[0].alloc(), TEST_RETURNED);
        }

        @AfterEach
        void returnFromTest() {
            // The reference is still live here; it comes back while the extension polls.
            assertThat(DIR[0].liveCount()).isEqualTo(1);
            TEST_RETURNED.countDown();
        }
    }

    @Test
    void asynchronousReleaseWithinGracePeriod_passes() {
        EngineExecutionResults results = TestKit.run(ReleasesAfterTheTest.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        assertThat(ReleasesAfterTheTest.DIR[0].liveCount()).isZero();
    }

    @Victim
    static class ReleasesTooLate {
        @RegisterExtension
        final LeakCheckExtension leaks = LeakCheckExtension.builder().gracePeriod(Duration.ofMillis(50)).build();

        static final CountDownLatch CHECKED = new CountDownLatch(1);
        static final RefTrackerDir[] DIR = new RefTrackerDir[1];
        static Thread releaser;

        @Test
        void releasesOnlyAfterTheCheck() {
            DIR[0] = RefTrackerDir.create("victim_late", 0);
            releaser = releaseLater(DIR[0], DIR[0].alloc(), CHECKED);
        }
    }

    @Test
    void releaseAfterGracePeriod_fails() throws InterruptedException {
        EngineExecutionResults results = TestKit.run(ReleasesTooLate.class);
        ReleasesTooLate.CHECKED.countDown();
        ReleasesTooLate.releaser.join(TimeUnit.SECONDS.toMillis(30));

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure.getMessage())
                .contains("1 directory with references left behind (after a grace period of 50 ms)\n")
                .contains(ReleasesTooLate.DIR[0].name() + " has 1/1 users at\n")
                .contains(ReleasesTooLate.class.getName() + ".releasesOnlyAfterTheCheck(GracePeriodTest.java:");
        assertThat(ReleasesTooLate.DIR[0].liveCount()).as("released once the check was over").isZero();
    }
}
