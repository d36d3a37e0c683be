package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.RefTracking;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MountOptionsTest {

    @Test
    void build_rejectsNegativeWorkerThreads_namingTheValue() {
        assertThatThrownBy(() -> MountOptions.builder().workerThreads(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workerThreads must be >= 0")
                .hasMessageContaining("-1");
    }

    @Test
    void build_rejectsNegativeKillAllDurations() {
        assertThatThrownBy(() -> MountOptions.builder().killAllDeadline(Duration.ofMillis(-1)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kill-all durations must not be negative");
    }

    @Test
    void refTrackerOff_disablesTracking_evenInFullMode() {
        try (BtrfsFs fs = BtrfsFs.mount(MountOptions.builder().refTracker(false).tracking(RefTracking.Mode.FULL)
                .workerThreads(0).build())) {
            assertThat(fs.refTrackerEnabled()).isFalse();
        }
        try (BtrfsFs fs = BtrfsFs.mount(MountOptions.builder().tracking(RefTracking.Mode.FULL).workerThreads(0)
                .build())) {
            assertThat(fs.refTrackerEnabled()).isTrue();
        }
    }
}
