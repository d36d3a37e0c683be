package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.opentest4j.TestAbortedException;

class PerMethodCheckTest {

    /** Keeps the victims' directories reachable: the registry holds directories weakly. */
    static final List<RefTrackerDir> KEEP = new CopyOnWriteArrayList<>();

    @Victim
    @LeakChecked
    static class Leaking {
        @Test
        void leaksOneReference() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 0);
            KEEP.add(dir);
            dir.alloc();
        }

        @Test
        void releasesWhatItTakes() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 0);
            KEEP.add(dir);
            dir.free(dir.alloc());
        }

        @Test
        void releasesTwice() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 4);
            KEEP.add(dir);
            RefTracker tracker = dir.alloc();
            dir.free(tracker);
            dir.free(tracker);
        }

        @Test
        void failsAndLeaks() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 0);
            KEEP.add(dir);
            dir.alloc();
            fail("the test's own failure");
        }

        @Test
        void leaksThenAborts() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 0);
            KEEP.add(dir);
            dir.alloc();
            assumeTrue(false, "the test's own assumption");
        }

        @Test
        void closesWithLiveReference() {
            RefTrackerDir dir = RefTrackerDir.create("victim_conn", 0);
            dir.alloc();
            dir.close();
        }
    }

    @Test
    void leakingTest_failsWithReportNamingTestAndStack() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "leaksOneReference");

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getMessage())
                .startsWith("leak check failed for leaksOneReference() [[engine:junit-jupiter]/[class:"
                        + Leaking.class.getName() + "]/[method:leaksOneReference()]]:\n"
                        + "1 directory with references left behind (after a grace period of 300 ms)\n\n"
                        + "victim_conn@")
                .contains(" has 1/1 users at\n")
                .contains(Leaking.class.getName() + ".leaksOneReference(PerMethodCheckTest.java:");
        assertThat(((ReferenceLeakError) failure).leaks()).singleElement()
                .satisfies(report -> assertThat(report.totalUsers()).isEqualTo(1));
    }

    @Test
    void cleanTest_passes() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "releasesWhatItTakes");

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Test
    void doubleRelease_failsWithBothStacks() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "releasesTwice");

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure.getMessage())
                .contains("1 double release\n")
                .contains(": reference already released.")
                .contains("freed in:")
                .contains("released again in:")
                .contains(Leaking.class.getName() + ".releasesTwice(PerMethodCheckTest.java:")
                .doesNotContain("left behind");
        assertThat(((ReferenceLeakError) failure).doubleReleases()).hasSize(1);
    }

    @Test
    void failingTest_keepsItsFailure_withLeakSuppressed() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "failsAndLeaks");

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure).isNotInstanceOf(ReferenceLeakError.class).hasMessage("the test's own failure");
        assertThat(failure.getSuppressed()).singleElement()
                .isInstanceOf(ReferenceLeakError.class)
                .satisfies(leak -> assertThat(leak.getMessage())
                        .contains("failsAndLeaks()")
                        .contains(" has 1/1 users at\n")
                        .contains(Leaking.class.getName() + ".failsAndLeaks(PerMethodCheckTest.java:"));
    }

    @Test
    void abortedTest_staysAborted_withLeakSuppressed() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "leaksThenAborts");

        results.testEvents().assertStatistics(stats -> stats.aborted(1).failed(0));
        Throwable abort = results.testEvents().aborted().stream().findFirst()
                .flatMap(event -> event.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(abort).isInstanceOf(TestAbortedException.class)
                .hasMessage("Assumption failed: the test's own assumption");
        assertThat(abort.getSuppressed()).singleElement().isInstanceOf(ReferenceLeakError.class);
    }

    @Test
    void directoryClosedWithLiveReference_fails() {
        EngineExecutionResults results = TestKit.run(Leaking.class, "closesWithLiveReference");

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure.getMessage())
                .contains("1 directory with references left behind")
                .contains(" has 1/1 users at\n")
                .contains(Leaking.class.getName() + ".closesWithLiveReference(PerMethodCheckTest.java:");
    }

    @Victim
    @LeakChecked
    static class SetUpAndTornDown {
        private RefTrackerDir dir;
        private RefTracker tracker;

        @BeforeEach
        void takeReference() {
            dir = RefTrackerDir.create("victim_fixture", 0);
            tracker = dir.alloc();
        }

        @Test
        void usesFixture() {
            assertThat(dir.liveCount()).isEqualTo(1);
        }

        @AfterEach
        void releaseReference() {
            dir.free(tracker);
        }
    }

    @Test
    void referenceReleasedInAfterEach_passes_becauseTheCheckRunsAfterUserTeardown() {
        EngineExecutionResults results = TestKit.run(SetUpAndTornDown.class);

        results.testEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
    }

    @Victim
    @LeakChecked
    static class GrowsExistingDirectory {
        static RefTrackerDir shared;

        @Test
        void takesOneMore() {
            shared.alloc("grower");
        }
    }

    @Test
    void existingDirectoryThatGrew_fails_withBeforeAndAfterCounts() {
        RefTracking.Mode previous = RefTracking.setMode(RefTracking.Mode.FULL);
        try {
            GrowsExistingDirectory.shared = RefTrackerDir.create("victim_shared", 0);
            GrowsExistingDirectory.shared.alloc("before_test");

            Throwable failure = TestKit.onlyFailure(TestKit.run(GrowsExistingDirectory.class).testEvents());

            assertThat(failure.getMessage())
                    .contains(GrowsExistingDirectory.shared.name()
                            + " had 1 live reference(s) before and 2 after\n")
                    .contains(" has 1/2 users at\n  held by: grower\n")
                    .contains(" has 1/2 users at\n  held by: before_test\n");
        } finally {
            RefTracking.setMode(previous);
        }
    }
}
