package io.github.reftrack.internal.engine;

import io.github.reftrack.RefTracker;

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

    @Override
    public String context() {
        return record.context();
    }

    @Override
    public String toString() {
        return record.toString();
    }
}
