package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.internal.capture.Stack;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The defects adversarial testing found, one test each (each fails without its fix), and the
 * decisions taken with them.
 */
class ReliabilityTest {
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @Test
    void secondReleaseIsADoubleRelease_whenTheFirstReleasesStackCouldNotBeCaptured() {
        TestRuntime test = new TestRuntime();
        Recorder events = new Recorder(test.runtime);
        RefTrackerDir dir = test.fullDir("pressure", 0);
        RefTracker t = Sites.siteX(dir);
        test.captureFailures.set(1);
        assertThat(dir.free(t)).isTrue();

        assertThat(Sites.freeSiteF2(dir, t)).isFalse();
        assertThat(Sites.freeSiteF2(dir, t)).isFalse();

        assertThat(events.doubleReleases).hasSize(2).allSatisfy(e -> {
            assertThat(Sites.top(e.allocatedAt())).isEqualTo("siteX");
            assertThat(e.firstReleasedAt()).isEmpty();
            assertThat(Sites.top(e.releasedAgainAt())).isEqualTo("freeSiteF2");
            assertThat(e.note()).contains("first release's stack could not be captured");
            assertThat(e.toString()).contains("note: the first release's stack could not be captured");
        });
        assertThat(dir.liveCount()).isZero();
        events.close();
    }

    @Test
    void housekeeperSurvivesAnErrorSaysSoOnceAndKeepsReporting() throws InterruptedException {
        AtomicInteger errorsToThrow = new AtomicInteger(1);
        RefTrackingRuntime runtime = RefTrackingRuntime.builder()
                .settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL))
                .promotionAllowed(() -> {
                    if (errorsToThrow.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new OutOfMemoryError("injected: heap exhausted during a promotion");
                    }
                    return true;
                }).build();
        List<LostReference> lost = new CopyOnWriteArrayList<>();
        runtime.addListener(new RefTrackerListener() {
            @Override
            public void onLostReference(LostReference event) {
                lost.add(event);
            }
        });
        RefTrackerDir dir = runtime.directory("survivor").detectLost(true).build();
        RefTracker kept = dir.alloc();
        assertThat(Gc.await(() -> runtime.housekeeperFailures() == 1)).as("the error hit the housekeeper").isTrue();
        assertThat(lost).isEmpty();

        dropTracker(dir);
        assertThat(Gc.await(() -> !lost.isEmpty())).as("lost references still reported").isTrue();
        assertThat(dir.stats().housekeeperFailures()).isEqualTo(1);
        assertThat(log.messages()).filteredOn(m -> m.contains("housekeeping failed")).hasSize(1);
        dir.free(kept);
        dir.close();
    }

    private static void dropTracker(RefTrackerDir dir) {
        dir.alloc();
    }

    @Test
    void listenerThrowingOutOfMemoryFromOnLostReferenceDoesNotStopLaterReports() throws InterruptedException {
        TestRuntime test = new TestRuntime();
        AtomicInteger heard = new AtomicInteger();
        test.runtime.addListener(new RefTrackerListener() {
            @Override
            public void onLostReference(LostReference event) {
                throw new OutOfMemoryError("injected by a listener");
            }
        });
        test.runtime.addListener(new RefTrackerListener() {
            @Override
            public void onLostReference(LostReference event) {
                heard.incrementAndGet();
            }
        });
        RefTrackerDir dir = test.directory("oom_listener").mode(RefTracking.Mode.FULL).detectLost(true).build();
        dropTracker(dir);
        assertThat(Gc.await(() -> heard.get() == 1)).isTrue();
        dropTracker(dir);
        assertThat(Gc.await(() -> heard.get() == 2)).as("the housekeeper is still alive").isTrue();
        assertThat(test.runtime.housekeeperFailures()).isZero();
        dir.close();
    }

    @Test
    void explicitCloseIsNeverReportedAsAbandoned_underConcurrentReportsAndGc() throws Exception {
        TestRuntime test = new TestRuntime();
        Recorder events = new Recorder(test.runtime);
        List<LeakReport> abandoned = new CopyOnWriteArrayList<>();
        test.runtime.addListener(new RefTrackerListener() {
            @Override
            public void onAbandonedDirectory(LeakReport report) {
                abandoned.add(report);
            }
        });
        AtomicBoolean stop = new AtomicBoolean();
        Thread reporter = new Thread(() -> {
            while (!stop.get()) {
                test.runtime.registry().reports(16);
            }
        }, "contending-reporter");
        reporter.start();
        int iterations = 60;
        try {
            for (int i = 0; i < iterations; i++) {
                leakAndCloseAsLastUse(test);
                if (i % 4 == 0) {
                    System.gc();
                }
            }
        } finally {
            stop.set(true);
            reporter.join();
        }
        assertThat(events.leaks).hasSize(iterations);
        assertThat(abandoned).isEmpty();
        events.close();
    }

    private static void leakAndCloseAsLastUse(TestRuntime test) {
        RefTrackerDir dir = test.fullDir("close_last_use", 0);
        dir.alloc();
        dir.close();
    }

    @Test
    void proxyFingerprintIgnoresTheNumberOfTheProxyModule() {
        StackTraceElement first = new StackTraceElement("jdk.proxy2.$Proxy12", "get", null, -1);
        StackTraceElement later = new StackTraceElement("jdk.proxy5.$Proxy31", "get", null, -1);
        StackTraceElement caller = new StackTraceElement("com.example.Pool", "lease", "Pool.java", 7);
        assertThat(Stack.fingerprintOf(List.of(first, caller))).isEqualTo(Stack.fingerprintOf(List.of(later, caller)));
        StackTraceElement otherMethod = new StackTraceElement("jdk.proxy2.$Proxy12", "put", null, -1);
        assertThat(Stack.fingerprintOf(List.of(first, caller)))
                .isNotEqualTo(Stack.fingerprintOf(List.of(otherMethod, caller)));
    }

    @Test
    void directoriesAndReportsAreListedOldestFirst() {
        TestRuntime test = new TestRuntime();
        List<RefTrackerDir> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RefTrackerDir dir = test.fullDir("ordered", 0);
            dir.alloc();
            created.add(dir);
        }
        assertThat(test.runtime.registry().directories()).containsExactlyElementsOf(created);
        assertThat(test.runtime.registry().reports(1)).extracting(LeakReport::dirName)
                .containsExactlyElementsOf(created.stream().map(RefTrackerDir::name).toList());
        created.forEach(RefTrackerDir::close);
    }

    @Test
    void closingARegistrationTwiceLeavesAnotherRegistrationOfTheSameListener() {
        TestRuntime test = new TestRuntime();
        Recorder listener = new Recorder(test.runtime);
        listener.close();
        RefTracking.Registration first = test.runtime.addListener(listener);
        RefTracking.Registration second = test.runtime.addListener(listener);
        first.close();
        first.close();
        RefTrackerDir dir = test.fullDir("registrations", 0);
        dir.alloc();
        dir.close();
        assertThat(listener.leaks).as("still registered through the second registration").hasSize(1);
        second.close();
    }

    @Test
    void countsThatAddUpOnlyThroughOverflowAreRejected() {
        List<LeakReport.Group> groups = List.of(
                new LeakReport.Group(Integer.MAX_VALUE, List.of(), "0000000000000001", List.of()),
                new LeakReport.Group(Integer.MAX_VALUE, List.of(), "0000000000000002", List.of()),
                new LeakReport.Group(4, List.of(), "0000000000000003", List.of()));
        assertThatThrownBy(() -> new LeakReport("pool", "pool@1", 2, 0, groups))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4294967298 users in groups");
        assertThatThrownBy(() -> new LeakReport("pool", "pool@1", 0, 0, List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void controlCharactersInNamesCannotForgeReportLines() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir dir = test.fullDir("evil\ndelayed_node@0000000000000000 has 9/9 users at", 0);
        Sites.siteHolder(dir, "cache\r\n  held by: nobody\u0007");
        String text = dir.report(16).toString();
        assertThat(text.lines().filter(l -> l.contains(" has "))).hasSize(1);
        assertThat(text).contains("evil\\ndelayed_node", "cache\\r\\n  held by: nobody\\u0007");
        assertThat(text).doesNotContain("\r", "\u0007");
    }

    @Test
    void disabledDirectoryRefusesNullAndForeignTrackers() {
        RefTrackerDir disabled = RefTrackerDir.disabled();
        TestRuntime test = new TestRuntime();
        RefTracker foreign = test.fullDir("foreign", 0).alloc();
        assertThat(disabled.free(null)).isFalse();
        assertThat(disabled.free(foreign)).isFalse();
        assertThat(disabled.free(disabled.alloc())).isTrue();
    }

    @Test
    void listenerStackOverflowSkipsNoListenerAndDoesNotEscapeClose() {
        TestRuntime test = new TestRuntime();
        test.runtime.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                overflow(0);
            }
        });
        Recorder after = new Recorder(test.runtime);
        RefTrackerDir dir = test.fullDir("overflowing_listener", 0);
        dir.alloc();
        dir.close();
        assertThat(after.leaks).hasSize(1);
        after.close();
    }

    private static int overflow(int depth) {
        return overflow(depth + 1) + 1;
    }

    @Test
    void aDroppedDirectoryIsStillReportedAsAbandoned_theControlForTheCloseLoop() throws InterruptedException {
        TestRuntime test = new TestRuntime();
        List<LeakReport> abandoned = new CopyOnWriteArrayList<>();
        test.runtime.addListener(new RefTrackerListener() {
            @Override
            public void onAbandonedDirectory(LeakReport report) {
                abandoned.add(report);
            }
        });
        WeakReference<RefTrackerDir> dropped = dropWithLiveTracker(test);
        assertThat(Gc.awaitCleared(dropped)).isTrue();
        assertThat(Gc.await(() -> !abandoned.isEmpty())).isTrue();
    }

    private static WeakReference<RefTrackerDir> dropWithLiveTracker(TestRuntime test) {
        RefTrackerDir dir = test.fullDir("dropped", 0);
        dir.alloc();
        return new WeakReference<>(dir);
    }
}
