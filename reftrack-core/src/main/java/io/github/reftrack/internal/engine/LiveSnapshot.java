package io.github.reftrack.internal.engine;

import io.github.reftrack.HeldReference;
import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.internal.capture.StackDepot;
import io.github.reftrack.internal.capture.StackRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The newest (or oldest) trackers of a live list with the stack each carried when the copy was
 * taken (the tracker's own field may be promoted meanwhile): what a report, a close, a promotion
 * and a list of the longest-held references work on outside the directory's lock. Not
 * thread-safe: one caller's local state.
 */
final class LiveSnapshot {
    /** Trackers interned per lock acquisition by reports and promotions. */
    private static final int INTERN_CHUNK = 256;

    final Tracker[] trackers;
    private final StackRef[] stacks;

    private LiveSnapshot(int size) {
        this.trackers = new Tracker[size];
        this.stacks = new StackRef[size];
    }

    /** Copies the newest {@code limit} live trackers and their stacks. Caller holds the lock. */
    static LiveSnapshot of(TrackerList list, int limit) {
        LiveSnapshot snapshot = new LiveSnapshot(Math.min(limit, list.liveCount()));
        list.copyNewest(snapshot.trackers, snapshot.stacks);
        return snapshot;
    }

    /** Copies the oldest {@code n} live trackers, oldest first, and their stacks. Caller holds the lock. */
    static LiveSnapshot oldest(TrackerList list, int n) {
        LiveSnapshot snapshot = new LiveSnapshot(Math.min(n, list.liveCount()));
        list.copyOldest(snapshot.trackers, snapshot.stacks);
        return snapshot;
    }

    int size() {
        return trackers.length;
    }

    /**
     * Adds every tracker to {@code grouping} by its interned stack, interning as
     * {@link #intern} does.
     */
    void groupInto(Grouping grouping, StackDepot depot, Object lock) {
        Stack[] interned = intern(depot, lock);
        for (int i = 0; i < interned.length; i++) {
            grouping.add(interned[i], trackers[i].holder(), trackers[i].context(), trackers[i].allocNanos);
        }
    }

    /** The trackers as held references of a directory, with their ages now; stacks are not stored back. */
    List<HeldReference> held(String className, String dirName, Engine engine) {
        long now = engine.nanoTime();
        List<HeldReference> out = new ArrayList<>(trackers.length);
        for (int i = 0; i < trackers.length; i++) {
            out.add(new HeldReference(className, dirName, trackers[i].holder(),
                    Duration.ofNanos(Math.max(0, now - trackers[i].allocNanos)), engine.callStack(stacks[i])));
        }
        return out;
    }

    /**
     * Interns every stack (outside the lock: decoding is the slow part, shared out over the
     * processors for a chunk of {@code Throwable}s), then stores the interned stacks back, under
     * {@code lock}, on the trackers that still carry the raw capture.
     * Works in chunks, dropping each chunk's captures before decoding the next: a decoded capture
     * caches its whole frame array (kilobytes), so a million young trackers must not all be
     * decoded and held at once.
     *
     * @return the interned stacks, in snapshot order
     */
    Stack[] intern(StackDepot depot, Object lock) {
        Stack[] interned = new Stack[trackers.length];
        for (int from = 0; from < interned.length; from += INTERN_CHUNK) {
            int to = Math.min(interned.length, from + INTERN_CHUNK);
            depot.intern(stacks, interned, from, to);
            boolean anyRaw = false;
            for (int i = from; i < to; i++) {
                anyRaw |= interned[i] != stacks[i];
            }
            if (anyRaw) {
                synchronized (lock) {
                    for (int i = from; i < to; i++) {
                        if (trackers[i].allocStack == stacks[i]) {
                            trackers[i].allocStack = interned[i];
                        }
                    }
                }
            }
            for (int i = from; i < to; i++) {
                stacks[i] = null;
            }
        }
        return interned;
    }
}
