package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every directory promises, whatever its mode. Subclasses say how to make one and what the
 * mode records; the tests hold for all of them.
 */
abstract class RefTrackerDirContract {
    @RegisterExtension
    final Recorder events = new Recorder(runtime());

    /** The runtime whose events {@link #events} records; the default runtime unless overridden. */
    RefTrackingRuntime runtime() {
        return RefTracking.runtime();
    }

    /** Creates a directory of class "contract" with the given quarantine. */
    abstract RefTrackerDir newDir(int quarantine);

    /** The mode the directories are created with. */
    abstract RefTracking.Mode mode();

    @Test
    void allocReturnsATrackerThatFreeAccepts() {
        RefTrackerDir dir = newDir(4);
        RefTracker t = dir.alloc();
        assertThat(t).isNotNull();
        assertThat(dir.free(t)).isTrue();
        assertThat(dir.liveCount()).isZero();
    }

    @Test
    void liveCountFollowsOutstandingReferences() {
        RefTrackerDir dir = newDir(4);
        List<RefTracker> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            held.add(i % 3 == 0 ? dir.alloc("holder") : dir.alloc());
        }
        dir.allocUntracked();
        int expectedLive = mode() == RefTracking.Mode.OFF ? 0 : 301;
        assertThat(dir.liveCount()).isEqualTo(expectedLive);
        held.forEach(t -> assertThat(dir.free(t)).isTrue());
        dir.freeUntracked();
        assertThat(dir.liveCount()).isZero();
        dir.close();
        assertThat(events.leaks).isEmpty();
        assertThat(events.misuse).isEmpty();
    }

    @Test
    void reportCountsEveryTrackedReference() {
        RefTrackerDir dir = newDir(4);
        for (int i = 0; i < 256; i++) {
            Sites.siteX(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.totalUsers()).isEqualTo(report.groups().stream().mapToInt(LeakReport.Group::users).sum()
                + report.skippedUsers());
        assertThat(report.totalUsers() + untrackedOutstanding(dir)).isEqualTo(mode() == RefTracking.Mode.OFF ? 0 : 256);
    }

    private static int untrackedOutstanding(RefTrackerDir dir) {
        return dir.stats().untracked();
    }

    @Test
    void leakAtCloseIsReportedUnlessOff() {
        RefTrackerDir dir = newDir(4);
        for (int i = 0; i < 256; i++) {
            Sites.siteX(dir);
        }
        dir.close();
        assertThat(dir.isClosed()).isEqualTo(mode() != RefTracking.Mode.OFF);
        boolean reported = !events.leaks.isEmpty()
                || events.misuseKinds().contains(Misuse.Kind.UNTRACKED_IMBALANCE);
        assertThat(reported).isEqualTo(mode() != RefTracking.Mode.OFF);
    }

    @Test
    void closeTwiceReportsOnce() {
        RefTrackerDir dir = newDir(4);
        Sites.siteX(dir);
        dir.close();
        dir.close();
        assertThat(events.leaks.size()).isLessThanOrEqualTo(1);
    }

    @Test
    void nameIsClassAtSixteenHexDigits() {
        assertThat(newDir(0).name()).matches("[a-z_]+@[0-9a-f]{16}");
        assertThat(newDir(0).mode()).isEqualTo(mode());
    }

    @Test
    void negativeDisplayLimitIsRefusedWithAClearMessage() {
        RefTrackerDir dir = newDir(4);
        assertThatThrownBy(() -> dir.report(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("displayLimit must be >= 0").hasMessageContaining("-1");
        assertThatThrownBy(() -> dir.print(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void awaitReleasedReturnsAtOnceWhenNothingIsHeld() throws InterruptedException {
        RefTrackerDir dir = newDir(4);
        dir.free(dir.alloc());
        assertThat(dir.awaitReleased(Duration.ZERO)).isTrue();
        assertThatThrownBy(() -> dir.awaitReleased(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
    }

    @Test
    void badArgumentsAreRefusedWithClearMessages() {
        assertThatThrownBy(() -> RefTrackerDir.create(null, 1)).isInstanceOf(NullPointerException.class)
                .hasMessage("className");
        assertThatThrownBy(() -> RefTrackerDir.create(" ", 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("className");
        assertThatThrownBy(() -> RefTrackerDir.create("x", -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("quarantineCount must be >= 0").hasMessageContaining("-1");
        assertThatThrownBy(() -> RefTrackerDir.builder("x").sampleInterval(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sampleInterval");
    }

    @Test
    void untrackedReferencesMustBalance() {
        RefTrackerDir dir = newDir(4);
        dir.allocUntracked();
        dir.close();
        assertThat(events.misuseKinds()).isEqualTo(mode() == RefTracking.Mode.OFF ? List.of()
                : List.of(Misuse.Kind.UNTRACKED_IMBALANCE));
    }
}
