package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleModeContractTest extends RefTrackerDirContract {
    private static final int INTERVAL = 8;

    @Override
    RefTrackerDir newDir(int quarantine) {
        return RefTrackerDir.builder("contract_sampled").quarantine(quarantine).mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(INTERVAL).build();
    }

    @Override
    RefTracking.Mode mode() {
        return RefTracking.Mode.SAMPLE;
    }

    @Test
    void oneReferenceInNGetsAStackTheOthersAreCounted() {
        RefTrackerDir dir = new TestRuntime().directory("sampling_only_here").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(INTERVAL).build();
        for (int i = 0; i < 10 * INTERVAL; i++) {
            Sites.siteX(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.totalUsers()).isEqualTo(10);
        assertThat(dir.stats().untracked()).isEqualTo(10 * INTERVAL - 10);
        assertThat(dir.liveCount()).isEqualTo(10 * INTERVAL);
    }

    @Test
    void everyDirectoryRecordsItsFirstReference_thenTheThreadsCountdownDecides() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir first = test.directory("sampled_shared").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(3).build();
        RefTrackerDir second = test.directory("sampled_shared").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(3).build();
        first.alloc();  // first of its directory: recorded, restarts the countdown
        second.alloc(); // first of its directory: recorded, restarts the countdown
        first.alloc();  // skipped
        second.alloc(); // skipped: the countdown is the thread's, not the directory's
        first.alloc();  // recorded
        assertThat(first.report(16).totalUsers()).isEqualTo(2);
        assertThat(second.report(16).totalUsers()).isEqualTo(1);
        assertThat(first.stats().untracked()).isEqualTo(1);
        assertThat(second.stats().untracked()).isEqualTo(1);
    }

    @Test
    void aDirectoryThatSamplesAlmostNothingStillShowsWhereItWasFirstTaken() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir dir = test.directory("sampled_never").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(Integer.MAX_VALUE).build();
        Sites.siteX(dir);
        for (int i = 0; i < 100; i++) {
            Sites.siteY(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.groups()).singleElement().satisfies(g -> assertThat(Sites.top(g.frames()))
                .isEqualTo("siteX"));
        assertThat(report.untrackedUsers()).isEqualTo(100);
    }

    @Test
    void aLongIntervalDoesNotStarveAShortOne_whenOneThreadUsesBoth() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir rare = test.directory("sampled_rarely").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(Integer.MAX_VALUE).build();
        RefTrackerDir often = test.directory("sampled_often").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(INTERVAL).build();
        rare.alloc();
        for (int i = 0; i < 10 * INTERVAL; i++) {
            often.alloc();
        }
        assertThat(rare.report(16).totalUsers()).isEqualTo(1);
        assertThat(often.report(16).totalUsers()).isEqualTo(10);
    }

    @Test
    void aReferenceTakenEveryNthTimeIsSampledAtItsShare_notAlwaysOrNever() {
        RefTrackerDir dir = RefTrackingRuntime.builder().build().directory("sampled_at_random")
                .mode(RefTracking.Mode.SAMPLE).sampleInterval(INTERVAL).build();
        int periods = 4000;
        for (int i = 0; i < periods; i++) {
            Sites.siteY(dir);
            for (int j = 1; j < INTERVAL; j++) {
                Sites.siteX(dir);
            }
        }
        LeakReport report = dir.report(16);
        // binomial: siteY 500 expected (sd 21), siteX 3500 (sd 55); a periodic sampler gives 4000 and 0
        assertThat(users(report, "siteY")).isBetween(370, 630);
        assertThat(users(report, "siteX")).isBetween(3170, 3830);
        assertThat(report.totalUsers() + dir.stats().untracked()).isEqualTo(periods * INTERVAL);
    }

    private static int users(LeakReport report, String site) {
        return report.groups().stream().filter(g -> site.equals(Sites.top(g.frames())))
                .mapToInt(LeakReport.Group::users).sum();
    }
}
