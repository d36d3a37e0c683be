package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.absent.ExitReportMain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sample mode says what it counted without a stack; the report at exit. */
class HonestSamplingTest {

    private static TestRuntime sampling() {
        return new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.SAMPLE));
    }

    private static RefTrackerDir sampledDir(TestRuntime test, String className) {
        return test.directory(className).mode(RefTracking.Mode.SAMPLE).sampleInterval(10).build();
    }

    @Test
    void reportCountsReferencesWithoutAStack_besideTheGroups() {
        TestRuntime test = sampling();
        RefTrackerDir dir = sampledDir(test, "honest");
        for (int i = 0; i < 10; i++) {
            Sites.siteX(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.totalUsers()).isEqualTo(1);
        assertThat(report.untrackedUsers()).isEqualTo(9);
        assertThat(report.toString()).contains(" has 1/10 users at\n")
                .contains(dir.name() + " and 9 more counted without a stack\n");
        assertThat(report.toJson()).contains("\"untrackedUsers\":9");
    }

    @Test
    void leakAtCloseWithSampledOutReferencesIsALeakReport_notAMisuse() {
        TestRuntime test = sampling();
        Recorder events = new Recorder(test.runtime);
        RefTrackerDir dir = sampledDir(test, "honest_close");
        for (int i = 0; i < 10; i++) {
            Sites.siteX(dir);
        }
        dir.close();
        assertThat(events.leaks).singleElement().satisfies(report -> {
            assertThat(report.totalUsers()).isEqualTo(1);
            assertThat(report.untrackedUsers()).isEqualTo(9);
        });
        assertThat(events.misuse).isEmpty();
        events.close();
    }

    @Test
    void aLeakOfOnlySampledOutReferencesIsStillALeakReport() {
        TestRuntime test = sampling();
        Recorder events = new Recorder(test.runtime);
        RefTrackerDir dir = sampledDir(test, "honest_stackless");
        RefTracker sampled = Sites.siteX(dir);
        Sites.siteX(dir);
        Sites.siteX(dir);
        dir.free(sampled);
        dir.close();
        assertThat(events.leaks).singleElement().satisfies(report -> {
            assertThat(report.groups()).isEmpty();
            assertThat(report.untrackedUsers()).isEqualTo(2);
            assertThat(report.toString()).isEqualTo(dir.name() + " has 2/2 users counted without a stack\n");
        });
        events.close();
    }

    @Test
    void doubleReleaseOfASampledOutReferenceSaysWhatIsKnownAndWhy() {
        TestRuntime test = sampling();
        Recorder events = new Recorder(test.runtime);
        RefTrackerDir dir = sampledDir(test, "honest_double");
        RefTracker sampled = Sites.siteX(dir);
        RefTracker token = Sites.siteY(dir);
        assertThat(dir.free(token)).isTrue();
        assertThat(Sites.freeSiteF2(dir, token)).isFalse();

        assertThat(events.doubleReleases).singleElement().satisfies(e -> {
            assertThat(e.allocatedAt()).isEmpty();
            assertThat(e.firstReleasedAt()).isEmpty();
            assertThat(Sites.top(e.releasedAgainAt())).isEqualTo("freeSiteF2");
            assertThat(e.note()).contains("sampled out: one reference in 10 gets a stack");
            assertThat(e.toString()).contains("released again in:");
        });
        dir.free(sampled);
        events.close();
    }

    @Test
    void firstReferenceOfAThreadIsSampled() throws InterruptedException {
        TestRuntime test = sampling();
        RefTrackerDir dir = sampledDir(test, "first_sampled");
        RefTracker[] taken = new RefTracker[2];
        Thread other = new Thread(() -> taken[1] = Sites.siteY(dir), "another-thread");
        taken[0] = Sites.siteX(dir);
        other.start();
        other.join();
        assertThat(dir.report(16).groups()).extracting(g -> Sites.top(g.frames()))
                .containsExactlyInAnyOrder("siteX", "siteY");
        assertThat(dir.stats().untracked()).isZero();
    }

    @Test
    void balanceIsExact_whenFourThreadsTakeAndReleaseSampledReferences() throws Exception {
        long seed = System.nanoTime();
        TestRuntime test = sampling();
        RefTrackerDir dir = test.directory("balance4").mode(RefTracking.Mode.SAMPLE).sampleInterval(7).build();
        int threads = 4;
        int perThread = 20_000;
        java.util.concurrent.ConcurrentLinkedQueue<RefTracker> handedOver = new java.util.concurrent
                .ConcurrentLinkedQueue<>();
        List<Thread> workers = new java.util.ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < threads; w++) {
            java.util.Random random = new java.util.Random(seed + w);
            workers.add(new Thread(() -> {
                java.util.ArrayDeque<RefTracker> mine = new java.util.ArrayDeque<>();
                for (int i = 0; i < perThread; i++) {
                    int op = random.nextInt(4);
                    if (op <= 1) {
                        mine.push(dir.alloc());
                    } else if (op == 2 && !mine.isEmpty()) {
                        handedOver.add(mine.pop());
                    } else {
                        RefTracker t = handedOver.poll();
                        if (t != null && !dir.free(t)) {
                            failures.add(new AssertionError("seed " + seed + ": a balanced release was refused"));
                        }
                    }
                }
                mine.forEach(handedOver::add);
            }, "balance-" + w));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        int outstanding = handedOver.size();
        assertThat(dir.liveCount()).as("seed %d", seed).isEqualTo(outstanding);
        for (RefTracker t = handedOver.poll(); t != null; t = handedOver.poll()) {
            assertThat(dir.free(t)).as("seed %d", seed).isTrue();
        }
        assertThat(dir.liveCount()).as("seed %d", seed).isZero();
        assertThat(dir.stats().untracked()).as("seed %d", seed).isZero();
    }

    @Test
    void openDirectoriesAreReportedOnceAtExit_whenAsked() throws Exception {
        assertThat(runExitReport("on")).containsOnlyOnce("references still held at JVM exit")
                .contains("exit_report@").contains("has 1/1 users at");
        assertThat(runExitReport("off")).doesNotContain("references still held at JVM exit");
    }

    private static String runExitReport(String reportAtExit) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-Dreftrack.mode=full",
                "-Dreftrack.jmx=off", "-Dreftrack.reportAtExit=" + reportAtExit));
        arguments.addAll(ChildJvm.onModulePath());
        arguments.add(ExitReportMain.class.getName());
        return ChildJvm.run(arguments, 60);
    }
}
