package io.github.reftrack.internal.engine;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.TeardownWatchdog;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;

/**
 * The directory users hold in {@code full} and {@code sample} modes: a handle on a {@code Ledger},
 * which does the work. The handle is what the registry watches: if it is garbage-collected
 * without {@link #close()}, the registry closes the ledger and its live trackers are reported as
 * a leak, as they would have been at {@code close()}.
 *
 * <p>Every method keeps the handle reachable until the ledger call has returned
 * ({@link Reference#reachabilityFence}): otherwise the handle could be collected during its own
 * {@code close()} (its last use), and the registry would close the ledger as abandoned first,
 * reporting the leak to {@code onAbandonedDirectory} instead of {@code onLeak}.
 */
public final class TrackingRefTrackerDir implements RefTrackerDir {
    final Ledger ledger;

    /** Creates the handle; the builder registers it, so no half-built {@code this} escapes. */
    TrackingRefTrackerDir(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public RefTracker alloc() {
        try {
            return ledger.alloc(null);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public RefTracker alloc(String holder) {
        try {
            return ledger.alloc(holder);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean free(RefTracker tracker) {
        try {
            return ledger.free(tracker);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void allocUntracked() {
        try {
            ledger.allocUntracked();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void freeUntracked() {
        try {
            ledger.freeUntracked();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int liveCount() {
        try {
            return ledger.liveCount();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public Stats stats() {
        try {
            return ledger.stats();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public String name() {
        return ledger.name();
    }

    @Override
    public String className() {
        return ledger.className();
    }

    @Override
    public RefTracking.Mode mode() {
        return ledger.mode();
    }

    @Override
    public LeakReport report(int displayLimit) {
        try {
            return ledger.report(displayLimit);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void print(int displayLimit) {
        try {
            ledger.print(displayLimit);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean awaitReleased(Duration timeout) throws InterruptedException {
        try {
            return TeardownWatchdog.forDirectories(name(), List.of(this)).reportAfter(timeout).giveUpAfter(timeout)
                    .await();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public boolean isClosed() {
        return ledger.isClosed();
    }

    @Override
    public void close() {
        try {
            ledger.close(false);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    long id() {
        return ledger.id();
    }

    /**
     * Returns the bus this directory's events go to (a teardown watchdog reports there).
     *
     * @return its runtime's event bus
     */
    public Events events() {
        return ledger.engine().events();
    }

    /**
     * Returns {@link RefTrackerDir.Stats#untracked()} now.
     *
     * @return references counted without a stack
     */
    public int untrackedCount() {
        return ledger.stats().untracked();
    }

    /**
     * Returns {@link RefTrackerDir.Stats#noTracker()} now.
     *
     * @return references taken with {@code allocUntracked()}
     */
    public int noTrackerCount() {
        return ledger.stats().noTracker();
    }

    /**
     * Returns {@link RefTrackerDir.Stats#quarantined()} now.
     *
     * @return released trackers kept as history
     */
    public int quarantineSize() {
        return ledger.stats().quarantined();
    }

    /**
     * Returns {@link RefTrackerDir.Stats#lost()} now.
     *
     * @return trackers reported lost
     */
    public int lostCount() {
        return ledger.stats().lost();
    }

    @Override
    public String toString() {
        return ledger.toString();
    }
}
