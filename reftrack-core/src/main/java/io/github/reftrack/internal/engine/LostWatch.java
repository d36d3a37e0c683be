package io.github.reftrack.internal.engine;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

/**
 * Watches the handle of a live tracker when lost-reference detection is on. The directory keeps
 * the record (stack, holder) and the record keeps this watch reachable; only the caller keeps the
 * handle. If the handle becomes unreachable before {@code free} clears the watch, the garbage
 * collector enqueues the watch and the housekeeping thread reports the record as lost.
 */
final class LostWatch extends PhantomReference<TrackerHandle> {
    private final Tracker record;

    LostWatch(TrackerHandle handle, ReferenceQueue<Object> queue) {
        super(handle, queue);
        this.record = handle.record;
    }

    void report() {
        record.dir.lost(record);
    }
}
