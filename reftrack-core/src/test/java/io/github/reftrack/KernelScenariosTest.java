package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.engine.Tracker;
import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The test scenarios of spec/kernel-ref-tracker.md §14, adapted to the Java contract (DESIGN.md
 * wins where they differ: {@code free} returns a boolean, a null slot is
 * {@code allocUntracked}/{@code freeUntracked}, warnings are {@link Misuse} events). Setup as in
 * the spec: class "t", quarantine 4, full mode. Promotion is paused so each test decides when
 * stacks are interned.
 */
class KernelScenariosTest {
    private final TestRuntime test = newTestRuntime();
    @RegisterExtension
    final Recorder events = new Recorder(test.runtime);
    @RegisterExtension
    final LogCapture log = new LogCapture();

    /** The runtime the scenarios run on: Java capture here; subclasses choose another source. */
    TestRuntime newTestRuntime() {
        return new TestRuntime();
    }

    @BeforeEach
    void listen() {
        test.promotionPaused.set(true);
    }

    private TrackingRefTrackerDir newDir(int quarantine) {
        return test.fullDir("t", quarantine);
    }

    @Test
    @DisplayName("§14.1 init state: nothing live, nothing quarantined, counters balanced, empty report")
    void initState() {
        TrackingRefTrackerDir dir = newDir(4);
        assertThat(dir.liveCount()).isZero();
        assertThat(dir.quarantineSize()).isZero();
        assertThat(dir.untrackedCount()).isZero();
        assertThat(dir.noTrackerCount()).isZero();
        assertThat(dir.isClosed()).isFalse();
        assertThat(dir.name()).matches("t@[0-9a-f]{16}").startsWith("t@00000000");
        LeakReport report = dir.report(16);
        assertThat(report.isEmpty()).isTrue();
        assertThat(report.toString()).isEmpty();
        dir.print(16);
        assertThat(log.records).isEmpty();
    }

    @Test
    @DisplayName("§14.2 balanced alloc/free: released tracker quarantined with its free stack; silent close")
    void balancedAllocFree() {
        TrackingRefTrackerDir dir = newDir(4);
        RefTracker t = Sites.siteX(dir);
        assertThat(dir.liveCount()).isEqualTo(1);
        assertThat(Sites.freeSiteF1(dir, t)).isTrue();
        assertThat(dir.liveCount()).isZero();
        assertThat(dir.quarantineSize()).isEqualTo(1);
        assertThat(((Tracker) t).state()).isEqualTo(Tracker.RELEASED);
        assertThat(((Tracker) t).freeStack()).isInstanceOf(RawCapture.class);
        assertThat(t.toString()).contains("state=released");
        dir.close();
        assertThat(dir.quarantineSize()).isZero();
        assertThat(events.leaks).isEmpty();
        assertThat(events.misuse).isEmpty();
        assertThat(log.records).isEmpty();
    }

    @Test
    @DisplayName("§14.3 leak at exit: one 1/1 group with the allocating stack; a second directory reports again")
    void leakAtExit() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        dir.close();
        assertThat(events.leaks).hasSize(1);
        LeakReport report = events.leaks.get(0);
        assertThat(report.toString()).startsWith(dir.name() + " has 1/1 users at\n"
                + "     io.github.reftrack.Sites.siteX(Sites.java:")
                .endsWith(")\n\n");
        assertThat(Sites.top(report.groups().get(0).frames())).isEqualTo("siteX");
        assertThat(log.messages()).anySatisfy(m -> assertThat(m).contains("has 1/1 users at"));

        TrackingRefTrackerDir second = newDir(4);
        Sites.siteX(second);
        second.close();
        assertThat(events.leaks).hasSize(2);
        assertThat(events.leaks.get(1).dirName()).isEqualTo(second.name());
    }

    @Test
    @DisplayName("§14.4 grouping: newest group first, counts per stack")
    void grouping() {
        TrackingRefTrackerDir dir = newDir(4);
        for (int i = 0; i < 3; i++) {
            Sites.siteX(dir);
        }
        for (int i = 0; i < 2; i++) {
            Sites.siteY(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.groups()).extracting(LeakReport.Group::users).containsExactly(2, 3);
        assertThat(report.groups()).extracting(g -> Sites.top(g.frames())).containsExactly("siteY", "siteX");
        assertThat(report.skippedUsers()).isZero();
        assertThat(report.toString()).contains(dir.name() + " has 2/5 users at\n")
                .contains(dir.name() + " has 3/5 users at\n").doesNotContain("skipped");
        assertThat(report.toString().indexOf("has 2/5")).isLessThan(report.toString().indexOf("has 3/5"));
    }

    @Test
    @DisplayName("§14.5 display limit: the two newest sites, then the skipped line")
    void displayLimit() {
        TrackingRefTrackerDir dir = newDir(4);
        for (int i = 1; i <= 5; i++) {
            Sites.site(i, dir);
        }
        LeakReport report = dir.report(2);
        assertThat(report.groups()).extracting(g -> Sites.top(g.frames())).containsExactly("alloctest5", "alloctest4");
        assertThat(report.skippedUsers()).isEqualTo(3);
        assertThat(report.toString()).endsWith(dir.name() + " skipped reports about 3/5 users.\n");
    }

    @Test
    @DisplayName("§14.6 limit 0: only the skipped line")
    void limitZero() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        Sites.siteY(dir);
        Sites.siteY(dir);
        LeakReport report = dir.report(0);
        assertThat(report.groups()).isEmpty();
        assertThat(report.toString()).isEqualTo(dir.name() + " skipped reports about 3/3 users.\n");
    }

    @Test
    @DisplayName("§14.7 double free within quarantine: false, allocation and first free stacks, state unchanged")
    void doubleFreeWithinQuarantine() {
        TrackingRefTrackerDir dir = newDir(4);
        RefTracker t = Sites.siteX(dir);
        assertThat(Sites.freeSiteF1(dir, t)).isTrue();
        assertThat(Sites.freeSiteF2(dir, t)).isFalse();
        assertThat(events.doubleReleases).hasSize(1);
        DoubleRelease event = events.doubleReleases.get(0);
        assertThat(Sites.top(event.allocatedAt())).isEqualTo("siteX");
        assertThat(Sites.top(event.firstReleasedAt())).isEqualTo("freeSiteF1");
        assertThat(Sites.top(event.releasedAgainAt())).isEqualTo("freeSiteF2");
        assertThat(event.pastQuarantine()).isFalse();
        assertThat(event.toString()).startsWith(dir.name() + ": reference already released.\nallocated in:\n"
                + " io.github.reftrack.Sites.siteX(Sites.java:")
                .contains("\nfreed in:\n io.github.reftrack.Sites.freeSiteF1(Sites.java:")
                .contains("\nreleased again in:\n io.github.reftrack.Sites.freeSiteF2(Sites.java:");
        assertThat(dir.quarantineSize()).isEqualTo(1);
        assertThat(dir.liveCount()).isZero();
        assertThat(((Tracker) t).state()).isEqualTo(Tracker.RELEASED);
    }

    @Test
    @DisplayName("§14.8 quarantine eviction is FIFO; a double free past eviction is still caught")
    void quarantineEvictionFifo() {
        TrackingRefTrackerDir dir = newDir(2);
        RefTracker t1 = dir.alloc();
        RefTracker t2 = dir.alloc();
        RefTracker t3 = dir.alloc();
        dir.free(t1);
        dir.free(t2);
        assertThat(((Tracker) t1).state()).isEqualTo(Tracker.RELEASED);
        dir.free(t3);
        assertThat(dir.quarantineSize()).isEqualTo(2);
        assertThat(((Tracker) t1).state()).isEqualTo(Tracker.EVICTED);
        assertThat(((Tracker) t2).state()).isEqualTo(Tracker.RELEASED);
        assertThat(((Tracker) t3).state()).isEqualTo(Tracker.RELEASED);

        assertThat(dir.free(t2)).isFalse();
        assertThat(dir.free(t1)).isFalse();
        assertThat(events.doubleReleases).extracting(DoubleRelease::pastQuarantine).containsExactly(false, true);
        assertThat(events.doubleReleases.get(1).toString()).contains("(past the quarantine)");
        assertThat(dir.quarantineSize()).isEqualTo(2);
    }

    @Test
    @DisplayName("§14.9 quarantine 0: every free evicts the tracker it freed")
    void quarantineZero() {
        TrackingRefTrackerDir dir = newDir(0);
        for (int i = 0; i < 3; i++) {
            RefTracker t = dir.alloc();
            assertThat(dir.free(t)).isTrue();
            assertThat(dir.quarantineSize()).isZero();
            assertThat(((Tracker) t).state()).isEqualTo(Tracker.EVICTED);
        }
    }

    @Test
    @DisplayName("§14.10 NULL tracker slot: allocUntracked/freeUntracked balance; an extra free is reported")
    void nullTrackerSlot() {
        TrackingRefTrackerDir dir = newDir(4);
        dir.allocUntracked();
        assertThat(dir.noTrackerCount()).isEqualTo(1);
        assertThat(dir.liveCount()).isEqualTo(1);
        assertThat(dir.report(16).totalUsers()).isZero();
        dir.freeUntracked();
        assertThat(dir.noTrackerCount()).isZero();
        assertThat(events.misuse).isEmpty();

        dir.freeUntracked();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.UNTRACKED_UNDERFLOW);
        assertThat(events.misuse.get(0).message()).contains("refcount_t: decrement hit 0; leaking memory");
        dir.close();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.UNTRACKED_UNDERFLOW,
                Misuse.Kind.UNTRACKED_IMBALANCE);
    }

    @Test
    @DisplayName("§14.11 allocation failure: counted untracked, reported once, released through free")
    void allocationFailure() {
        TrackingRefTrackerDir dir = newDir(4);
        test.captureFailures.set(2);
        RefTracker first = dir.alloc();
        RefTracker second = dir.alloc();
        assertThat(first).isSameAs(Tracker.UNTRACKED).isSameAs(second);
        assertThat(dir.untrackedCount()).isEqualTo(2);
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.CAPTURE_FAILED);
        assertThat(events.misuse.get(0).message()).contains("memory allocation failure, unreliable refcount tracker");
        assertThat(dir.free(first)).isTrue();
        assertThat(dir.free(second)).isTrue();
        assertThat(dir.untrackedCount()).isZero();
        dir.close();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.CAPTURE_FAILED);
        assertThat(events.leaks).isEmpty();
    }

    @Test
    @DisplayName("§14.12 callers never see a failure: with captures failing, every call still succeeds and balances")
    void callersNeverSeeFailure() {
        TrackingRefTrackerDir dir = newDir(4);
        test.captureFailures.set(Integer.MAX_VALUE);
        List<RefTracker> trackers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            trackers.add(dir.alloc("holder"));
            dir.allocUntracked();
        }
        assertThat(trackers).doesNotContainNull();
        assertThat(dir.liveCount()).isEqualTo(10);
        for (RefTracker t : trackers) {
            assertThat(dir.free(t)).isTrue();
            dir.freeUntracked();
        }
        test.captureFailures.set(0);
        assertThat(dir.liveCount()).isZero();
        dir.close();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.CAPTURE_FAILED);
    }

    @Test
    @DisplayName("§14.13 use after exit: reported once, the call proceeds, never reported as a leak")
    void useAfterExit() {
        TrackingRefTrackerDir dir = newDir(4);
        dir.close();
        RefTracker late = dir.alloc();
        RefTracker later = dir.alloc();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.ALLOC_AFTER_CLOSE);
        assertThat(dir.liveCount()).isEqualTo(2);
        assertThat(dir.free(late)).isTrue();
        assertThat(dir.free(later)).isTrue();
        assertThat(dir.liveCount()).isZero();
        assertThat(events.misuseKinds()).containsExactly(Misuse.Kind.ALLOC_AFTER_CLOSE, Misuse.Kind.FREE_AFTER_CLOSE);
        dir.close();
        assertThat(events.leaks).isEmpty();
    }

    @Test
    @DisplayName("§14.14 stack storage failure: empty group stack; the double release omits 'allocated in:'")
    void stackStorageFailure() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        test.depotFailures.set(1);
        LeakReport report = dir.report(16);
        assertThat(report.toString()).isEqualTo(dir.name() + " has 1/1 users at\n\n");

        TrackingRefTrackerDir other = newDir(4);
        RefTracker t = Sites.siteY(other);
        other.free(t);
        test.depotFailures.set(1);
        other.free(t);
        assertThat(events.doubleReleases).hasSize(1);
        assertThat(events.doubleReleases.get(0).allocatedAt()).isEmpty();
        assertThat(events.doubleReleases.get(0).toString()).doesNotContain("allocated in:").contains("freed in:");
    }

    @Test
    @DisplayName("§14.15 statistics without stacks: when no stack can be stored, counts still come out exact")
    void statisticsWithoutStacks() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        Sites.siteY(dir);
        Sites.siteY(dir);
        test.depotFailures.set(3);
        LeakReport report = dir.report(16);
        assertThat(report.totalUsers()).isEqualTo(3);
        assertThat(report.groups()).singleElement().satisfies(g -> {
            assertThat(g.users()).isEqualTo(3);
            assertThat(g.frames()).isEmpty();
        });
    }

    @Test
    @DisplayName("§14.16 a group without stack text leaves the other groups intact")
    void groupWithoutStackText() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        Sites.siteY(dir);
        test.depotFailures.set(1);
        LeakReport report = dir.report(16);
        assertThat(report.toString()).startsWith(dir.name() + " has 1/2 users at\n\n" + dir.name()
                + " has 1/2 users at\n     io.github.reftrack.Sites.siteX(");
    }

    @Test
    @DisplayName("§14.17 stack truncation: a deep stack keeps reftrack.depth (16) frames")
    void stackTruncation() {
        TrackingRefTrackerDir dir = newDir(4);
        Sites.deep(dir, 40);
        List<StackTraceElement> frames = dir.report(16).groups().get(0).frames();
        assertThat(frames).hasSize(test.runtime.settings().depth()).hasSize(16);
        assertThat(frames).extracting(StackTraceElement::getMethodName).containsOnly("deep");
    }

    @Test
    @DisplayName("§14.18 no fixed buffer: a large report renders every group and the same counts as JSON")
    void largeReportIsComplete() throws Exception {
        TrackingRefTrackerDir dir = newDir(4);
        for (int i = 1; i <= 19; i++) {
            Sites.site(i, dir);
        }
        LeakReport report = dir.report(19);
        String text = report.toString();
        assertThat(text.split(" users at\n", -1)).hasSize(20);
        assertThat(text.length()).isGreaterThan(1024);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(report.toJson());
        assertThat(json.get("totalUsers").asInt()).isEqualTo(19);
        assertThat(json.get("groups")).hasSize(19);
    }

    @Test
    @DisplayName("§14.23 self-test replay: a double free, then two 1/2 groups at exit")
    void selfTestReplay() throws Exception {
        TrackingRefTrackerDir dir = (TrackingRefTrackerDir) test.directory("selftest").quarantine(100)
                .mode(RefTracking.Mode.FULL).build();
        RefTracker[] tracker = new RefTracker[20];
        CountDownLatch timerMayFire = new CountDownLatch(1);
        Thread timer = new Thread(() -> {
            awaitQuietly(timerMayFire);
            tracker[0] = timerCallback(dir);
        }, "selftest-timer");
        timer.start();
        for (int i = 1; i <= 19; i++) {
            tracker[i] = SelfTestSites.alloc(i, dir);
        }
        timerMayFire.countDown();
        for (int i = 2; i <= 19; i++) {
            assertThat(SelfTestSites.allocTestFree(dir, tracker[i])).isTrue();
        }
        assertThat(dir.quarantineSize()).isEqualTo(18);
        assertThat(SelfTestSites.allocTestFree(dir, tracker[2])).isFalse();
        timer.join(TimeUnit.SECONDS.toMillis(10));
        dir.close();

        assertThat(events.doubleReleases).singleElement().satisfies(e -> {
            assertThat(Sites.top(e.allocatedAt())).isEqualTo("alloctest2");
            assertThat(Sites.top(e.firstReleasedAt())).isEqualTo("allocTestFree");
        });
        assertThat(events.leaks).singleElement().satisfies(report -> {
            assertThat(report.groups()).hasSize(2).allSatisfy(g -> assertThat(g.users()).isEqualTo(1));
            assertThat(report.skippedUsers()).isZero();
            assertThat(report.groups()).extracting(g -> Sites.top(g.frames()))
                    .containsExactly("timerCallback", "alloctest1");
            assertThat(report.toString()).contains("selftest@").contains(" has 1/2 users at\n");
        });
        assertThat(events.misuse).isEmpty();
    }

    /** The self-test's timer callback, which allocates tracker[0] from another thread. */
    private static RefTracker timerCallback(RefTrackerDir dir) {
        return dir.alloc();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @DisplayName("§14.24 concurrency smoke: N threads x M balanced pairs leave nothing live, a full quarantine")
    void concurrencySmoke() throws Exception {
        TrackingRefTrackerDir dir = newDir(4);
        int threads = 4;
        int pairs = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                done.add(pool.submit(() -> {
                    for (int j = 0; j < pairs; j++) {
                        assertThat(dir.free(dir.alloc())).isTrue();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(dir.liveCount()).isZero();
        assertThat(dir.quarantineSize()).isEqualTo(Math.min(threads * pairs, 4));
        dir.close();
        assertThat(events.leaks).isEmpty();
        assertThat(events.misuse).isEmpty();
        assertThat(events.doubleReleases).isEmpty();
    }
}
