package io.github.reftrack.internal.engine;

/**
 * The record of a tracker whose handle is watched for being lost: a {@link Tracker} that also
 * keeps the handle's {@link LostWatch} reachable while the reference is live (a phantom
 * reference nobody holds is never enqueued). The caller holds the {@link TrackerHandle}. Only
 * directories with lost-reference detection create these, so the others pay nothing for the
 * field.
 *
 * <p>Thread-safe: {@code watch} is guarded by the owning ledger's lock.
 */
final class WatchedTracker extends Tracker {
    private LostWatch watch;

    WatchedTracker(Ledger dir, String holder, String context) {
        super(dir, holder, context);
    }

    /** Starts watching {@code handle}. Caller holds the ledger's lock. */
    void watch(LostWatch watch) {
        this.watch = watch;
    }

    @Override
    LostWatch unwatch() {
        LostWatch w = watch;
        watch = null;
        return w;
    }
}
