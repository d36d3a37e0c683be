package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Trackers dropped without release are reported when the GC notices, with no false positives. */
class LostReferenceTest {
    @RegisterExtension
    final Recorder events = new Recorder();

    private static TrackingRefTrackerDir newDir(String cls) {
        return (TrackingRefTrackerDir) RefTrackerDir.builder(cls).quarantine(4).mode(RefTracking.Mode.FULL)
                .detectLost(true).build();
    }

    @Test
    void aDroppedTrackerIsReportedWithTheStackThatTookIt() throws InterruptedException {
        TrackingRefTrackerDir dir = newDir("lost_dropped");
        dropOnTheFloor(dir);
        assertThat(Gc.await(() -> !events.lost.isEmpty())).as("lost reference reported").isTrue();
        LostReference lost = events.lost.get(0);
        assertThat(lost.dirName()).isEqualTo(dir.name());
        assertThat(lost.holder()).isEqualTo("forgetful");
        assertThat(Sites.top(lost.allocatedAt())).isEqualTo("siteHolder");
        assertThat(lost.allocatedAt().get(1).getMethodName()).isEqualTo("dropOnTheFloor");
        assertThat(lost.fingerprint()).matches("[0-9a-f]{16}");
        assertThat(lost.toString()).contains("reference lost without release (held by: forgetful)");
        assertThat(dir.liveCount()).isZero();
        assertThat(dir.lostCount()).isEqualTo(1);
        dir.close();
        assertThat(events.leaks).as("a lost tracker is not reported again at close").isEmpty();
    }

    private static void dropOnTheFloor(RefTrackerDir dir) {
        Sites.siteHolder(dir, "forgetful");
    }

    @Test
    void reachableAndReleasedTrackersAreNeverReportedLost() throws InterruptedException {
        TrackingRefTrackerDir dir = newDir("lost_kept");
        List<RefTracker> kept = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            kept.add(dir.alloc());
            RefTracker released = dir.alloc();
            churn();
            dir.free(released);
        }
        TrackingRefTrackerDir control = newDir("lost_control");
        dropOnTheFloor(control);
        assertThat(Gc.await(() -> !events.lost.isEmpty())).isTrue();
        assertThat(events.lost).extracting(LostReference::dirName).containsOnly(control.name());
        assertThat(dir.liveCount()).isEqualTo(kept.size());
        kept.forEach(t -> assertThat(dir.free(t)).isTrue());
        assertThat(dir.lostCount()).isZero();
    }

    private static void churn() {
        byte[][] garbage = new byte[16][];
        for (int i = 0; i < garbage.length; i++) {
            garbage[i] = new byte[256];
        }
    }

    @Test
    void withoutDetectionADroppedTrackerStaysLiveUntilClose() throws InterruptedException {
        TrackingRefTrackerDir dir = (TrackingRefTrackerDir) RefTrackerDir.builder("lost_off")
                .mode(RefTracking.Mode.FULL).detectLost(false).build();
        dropOnTheFloor(dir);
        TrackingRefTrackerDir control = newDir("lost_off_control");
        dropOnTheFloor(control);
        assertThat(Gc.await(() -> !events.lost.isEmpty())).isTrue();
        assertThat(events.lost).extracting(LostReference::dirName).containsOnly(control.name());
        assertThat(dir.liveCount()).isEqualTo(1);
        dir.close();
        assertThat(events.leaks).hasSize(1);
    }
}
