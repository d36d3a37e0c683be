package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.internal.engine.Tracker;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class OffModeContractTest extends RefTrackerDirContract {
    @Override
    RefTrackerDir newDir(int quarantine) {
        return RefTrackerDir.builder("contract").quarantine(quarantine).mode(RefTracking.Mode.OFF).build();
    }

    @Override
    RefTracking.Mode mode() {
        return RefTracking.Mode.OFF;
    }

    @Test
    void offReturnsTheSharedNoOpDirectoryAndTracker() {
        RefTrackerDir dir = newDir(16);
        assertThat(dir).isSameAs(RefTrackerDir.disabled()).isSameAs(newDir(3));
        assertThat(dir.alloc()).isSameAs(dir.alloc("holder")).isSameAs(Tracker.NOOP);
        assertThat(RefTracking.registry().directories()).doesNotContain(dir);
    }

    @Test
    void offAllocatesNothingOnAllocAndFree() {
        RefTrackerDir dir = newDir(16);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        churn(dir, 100_000);
        long before = threads.getThreadAllocatedBytes(thread);
        churn(dir, 1_000_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // The measurement itself allocates a few hundred bytes; a byte per pair would be 1 MB.
        assertThat(allocated).isLessThan(4096);
    }

    private static void churn(RefTrackerDir dir, int pairs) {
        for (int i = 0; i < pairs; i++) {
            RefTracker t = dir.alloc();
            dir.allocUntracked();
            dir.freeUntracked();
            dir.free(t);
        }
    }
}
