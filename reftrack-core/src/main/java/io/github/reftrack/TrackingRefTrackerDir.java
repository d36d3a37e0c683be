package io.github.reftrack;

import java.time.Duration;
import java.util.List;

/**
 * The directory users hold in {@code full} and {@code sample} modes: a handle on a {@link Ledger},
 * which does the work. The handle is what the registry watches: if it is garbage-collected
 * without {@link #close()}, the registry closes the ledger and its live trackers are reported as
 * a leak, as they would have been at {@code close()}.
 */
final class TrackingRefTrackerDir implements RefTrackerDir {
    final Ledger ledger;

    TrackingRefTrackerDir(String className, int quarantineCapacity, RefTracking.Mode mode, int sampleInterval,
            boolean detectLost) {
        this.ledger = new Ledger(className, quarantineCapacity, mode, sampleInterval, detectLost);
        RefTrackerRegistry.INSTANCE.register(this);
    }

    @Override
    public RefTracker alloc() {
        return ledger.alloc(null);
    }

    @Override
    public RefTracker alloc(String holder) {
        return ledger.alloc(holder);
    }

    @Override
    public boolean free(RefTracker tracker) {
        return ledger.free(tracker);
    }

    @Override
    public void allocUntracked() {
        ledger.allocUntracked();
    }

    @Override
    public void freeUntracked() {
        ledger.freeUntracked();
    }

    @Override
    public int liveCount() {
        return ledger.liveCount();
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
        return ledger.report(displayLimit);
    }

    @Override
    public void print(int displayLimit) {
        ledger.print(displayLimit);
    }

    @Override
    public boolean awaitReleased(Duration timeout) throws InterruptedException {
        return TeardownWatchdog.forDirectories(name(), List.of(this)).reportAfter(timeout).giveUpAfter(timeout)
                .await();
    }

    @Override
    public boolean isClosed() {
        return ledger.isClosed();
    }

    @Override
    public void close() {
        ledger.close(false);
    }

    long id() {
        return ledger.id();
    }

    int untrackedCount() {
        return ledger.untrackedCount();
    }

    int noTrackerCount() {
        return ledger.noTrackerCount();
    }

    int quarantineSize() {
        return ledger.quarantineSize();
    }

    int lostCount() {
        return ledger.lostCount();
    }

    @Override
    public String toString() {
        return ledger.toString();
    }
}
