package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded stress: threads mix alloc, free, report and liveCount on shared directories, then race
 * close against late frees. Invariants: live counts exact, reports consistent, each leak reported
 * exactly once, nothing thrown to callers, no false double release.
 */
class ConcurrentStressTest {
    private static final int THREADS = 4;
    private static final int DIRS = 3;
    private static final int OPS = 20_000;

    @RegisterExtension
    final Recorder events = new Recorder();

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 0x5eedL, 20261124L})
    void mixedOperationsKeepEveryInvariant(long seed) throws Exception {
        RefTrackerDir[] dirs = new RefTrackerDir[DIRS];
        for (int d = 0; d < DIRS; d++) {
            dirs[d] = RefTrackerDir.builder("stress").quarantine(d * 8).mode(RefTracking.Mode.FULL).build();
        }
        List<List<List<RefTracker>>> held = new ArrayList<>();
        // Workers and this thread meet twice: after phase one (counts checked) and to start phase two.
        CyclicBarrier phase = new CyclicBarrier(THREADS + 1);
        AtomicInteger lateFrees = new AtomicInteger();
        int heldAtClose;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                List<List<RefTracker>> mine = new ArrayList<>();
                for (int d = 0; d < DIRS; d++) {
                    mine.add(new ArrayList<>());
                }
                held.add(mine);
                SplittableRandom random = new SplittableRandom(seed * 31 + w);
                workers.add(pool.submit(() -> {
                    work(random, dirs, mine);
                    phase.await(30, TimeUnit.SECONDS);
                    phase.await(30, TimeUnit.SECONDS);
                    closeRacingFrees(random, dirs, mine, lateFrees);
                    return null;
                }));
            }
            phase.await(30, TimeUnit.SECONDS);
            heldAtClose = checkCounts(seed, dirs, held);
            phase.await(30, TimeUnit.SECONDS);
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Integer> leakEvents = new ConcurrentHashMap<>();
        events.leaks.forEach(r -> leakEvents.merge(r.dirName(), 1, Integer::sum));
        assertThat(leakEvents.values()).as("seed %d: each leak reported once", seed).allMatch(n -> n == 1);
        assertThat(events.leaks.stream().mapToInt(LeakReport::totalUsers).sum()).as("seed %d", seed)
                .isLessThanOrEqualTo(heldAtClose);
        assertThat(lateFrees.get()).isEqualTo(heldAtClose);
        assertThat(events.doubleReleases).as("seed %d", seed).isEmpty();
        assertThat(events.misuseKinds()).as("seed %d", seed).allMatch(k -> k == Misuse.Kind.FREE_AFTER_CLOSE);
        for (RefTrackerDir dir : dirs) {
            assertThat(dir.isClosed()).isTrue();
            assertThat(dir.liveCount()).as("seed %d: all frees done after close", seed).isZero();
        }
    }

    private static void work(SplittableRandom random, RefTrackerDir[] dirs, List<List<RefTracker>> mine) {
        for (int i = 0; i < OPS; i++) {
            int d = random.nextInt(DIRS);
            List<RefTracker> list = mine.get(d);
            int op = random.nextInt(100);
            if (op < 50 || list.isEmpty()) {
                list.add(random.nextBoolean() ? Sites.siteX(dirs[d]) : Sites.siteY(dirs[d]));
            } else if (op < 95) {
                RefTracker t = list.remove(random.nextInt(list.size()));
                assertThat(dirs[d].free(t)).isTrue();
            } else {
                LeakReport report = dirs[d].report(1 + random.nextInt(3));
                assertThat(report.totalUsers()).isLessThanOrEqualTo(OPS * THREADS);
            }
        }
    }

    /** Between the barriers every worker is parked, so the counts must be exact. */
    private static int checkCounts(long seed, RefTrackerDir[] dirs, List<List<List<RefTracker>>> held) {
        int total = 0;
        for (int d = 0; d < DIRS; d++) {
            int expected = 0;
            for (List<List<RefTracker>> mine : held) {
                expected += mine.get(d).size();
            }
            assertThat(dirs[d].liveCount()).as("seed %d, dir %d", seed, d).isEqualTo(expected);
            LeakReport report = dirs[d].report(16);
            assertThat(report.totalUsers()).isEqualTo(expected);
            assertThat(report.groups().stream().mapToInt(LeakReport.Group::users).sum() + report.skippedUsers())
                    .isEqualTo(expected);
            total += expected;
        }
        return total;
    }

    private static void closeRacingFrees(SplittableRandom random, RefTrackerDir[] dirs, List<List<RefTracker>> mine,
            AtomicInteger lateFrees) {
        for (int d = 0; d < DIRS; d++) {
            if (random.nextBoolean()) {
                dirs[d].close();
            }
            for (RefTracker t : mine.get(d)) {
                assertThat(dirs[d].free(t)).isTrue();
                lateFrees.incrementAndGet();
            }
            mine.get(d).clear();
            dirs[d].close();
        }
    }
}
