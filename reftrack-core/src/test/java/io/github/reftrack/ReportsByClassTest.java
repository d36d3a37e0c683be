package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The registry's view across the directories of one class ({@code reftrack dump}'s groups) and
 * its history of leaks already reported.
 */
class ReportsByClassTest {

    private static List<RefTrackerDir> objectsHoldingOneEach(TestRuntime test, int count, boolean siteX) {
        List<RefTrackerDir> dirs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RefTrackerDir dir = test.fullDir("buffer", 0);
            if (siteX) {
                Sites.siteX(dir);
            } else {
                Sites.siteY(dir);
            }
            dirs.add(dir);
            test.clock.addAndGet(Duration.ofSeconds(1).toNanos());
        }
        return dirs;
    }

    @Test
    void tenObjectsOnOneStackAndThreeOnAnother_areTwoGroupsOfOneReport_newestFirst() {
        TestRuntime test = new TestRuntime();
        List<RefTrackerDir> ten = objectsHoldingOneEach(test, 10, true);
        List<RefTrackerDir> three = objectsHoldingOneEach(test, 3, false);
        test.clock.addAndGet(Duration.ofSeconds(20).toNanos());

        List<LeakReport> reports = test.runtime.registry().reportsByClass(null, 16);

        assertThat(reports).singleElement().extracting(LeakReport::dirName, LeakReport::totalUsers)
                .containsExactly("buffer", 13);
        assertThat(reports.get(0).groups()).extracting(LeakReport.Group::users, LeakReport.Group::objects,
                LeakReport.Group::oldest, LeakReport.Group::newest).containsExactly(
                tuple(3, 3, Duration.ofSeconds(23), Duration.ofSeconds(21)),
                tuple(10, 10, Duration.ofSeconds(33), Duration.ofSeconds(24)));
        assertThat(reports.get(0).toString()).startsWith("buffer has 3/13 users at (oldest 23s, newest 21s)\n"
                + "  objects: 3\n     io.github.reftrack.Sites.siteY(")
                .contains("\nbuffer has 10/13 users at (oldest 33s, newest 24s)\n  objects: 10\n");
        assertThat(ten).hasSize(10).allMatch(dir -> dir.liveCount() == 1);
        assertThat(three).hasSize(3);
    }

    @Test
    void twoStacksOfOneMethodAtDifferentLines_stayTwoGroups_andEachObjectCountsOnce() {
        TestRuntime test = new TestRuntime();
        List<RefTrackerDir> objects = List.of(test.fullDir("lease", 0), test.fullDir("lease", 0));
        for (RefTrackerDir dir : objects) {
            dir.alloc();
            dir.alloc();
        }

        LeakReport report = test.runtime.registry().reportsByClass("lease", 16).get(0);

        assertThat(report.groups()).hasSize(2).allSatisfy(group -> {
            assertThat(group.users()).isEqualTo(2);
            assertThat(group.objects()).isEqualTo(2);
        });
        assertThat(report.groups().get(0).fingerprint()).isEqualTo(report.groups().get(1).fingerprint());
        assertThat(report.groups().get(0).frames().get(0).getLineNumber())
                .isNotEqualTo(report.groups().get(1).frames().get(0).getLineNumber());
    }

    @Test
    void aClassWithOneDirectory_keepsItsOwnReport() {
        TestRuntime test = new TestRuntime();
        RefTrackerDir dir = test.fullDir("single", 0);
        Sites.siteX(dir);
        Sites.siteX(dir);

        assertThat(test.runtime.registry().reportsByClass("single", 16)).containsExactly(dir.report(16));
    }

    @Test
    void groupsBeyondTheDisplayLimit_areCountedAsSkipped() {
        TestRuntime test = new TestRuntime();
        List<RefTrackerDir> two = objectsHoldingOneEach(test, 2, true);
        List<RefTrackerDir> one = objectsHoldingOneEach(test, 1, false);

        LeakReport report = test.runtime.registry().reportsByClass("buffer", 1).get(0);
        assertThat(two.size() + one.size()).isEqualTo(3);

        assertThat(report.groups()).extracting(LeakReport.Group::users).containsExactly(1);
        assertThat(report.skippedUsers()).isEqualTo(2);
        assertThat(report.groups().get(0).objects()).isZero();
    }

    @Test
    void leakHistoryCountsTheLeaksOfClosedDirectoriesByStack_withTheRuntimesWallClock() {
        Instant at = Instant.parse("2026-12-06T18:00:00Z");
        RefTrackingRuntime runtime = RefTrackingRuntime.builder()
                .settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL))
                .clock(Clock.fixed(at, ZoneOffset.UTC)).leakHistoryCapacity(1).build();
        for (int i = 0; i < 2; i++) {
            RefTrackerDir dir = runtime.directory("history").build();
            Sites.siteX(dir);
            dir.close();
        }
        RefTrackerDir other = runtime.directory("history").build();
        Sites.siteY(other);
        other.close();

        LeakHistory history = runtime.registry().leakHistory();

        assertThat(history.entries()).singleElement().extracting(LeakHistory.Entry::count,
                LeakHistory.Entry::firstSeen).containsExactly(2L, at);
        assertThat(history.entries().get(0).stack().frames().get(0).getMethodName()).isEqualTo("siteX");
        assertThat(history.overflow()).isEqualTo(1);
    }
}
