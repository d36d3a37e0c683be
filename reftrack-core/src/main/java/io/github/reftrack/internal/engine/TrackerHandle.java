package io.github.reftrack.internal.engine;

import io.github.reftrack.RefTracker;
import io.github.reftrack.internal.capture.StackRef;

/**
 * What the caller holds when lost-reference detection is on: a handle whose only strong
 * reference is the caller's, on a record the directory lists. When the handle becomes
 * unreachable before {@code free}, its {@link LostWatch} is enqueued and the record is reported
 * lost. 16 bytes.
 */
public final class TrackerHandle implements RefTracker {
    final WatchedTracker record;

    TrackerHandle(WatchedTracker record) {
        this.record = record;
    }

    /**
     * Returns the state of the record, read without the lock (may be stale).
     *
     * @return one of the states of {@link Tracker}
     */
    public byte state() {
        return record.state();
    }

    /**
     * Returns the record's allocation stack, read without the lock.
     *
     * @return the stack reference, or {@code null} if it was not captured
     */
    public StackRef allocStack() {
        return record.allocStack();
    }

    @Override
    public String toString() {
        return record.toString();
    }
}
