package io.github.reftrack.internal.engine;

import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.capture.StackRef;

/**
 * A ledger's two intrusive lists and their counts. The lists reuse the trackers' {@code prev} and
 * {@code next} fields, so a tracker is in at most one list and linking allocates nothing:
 * <ul>
 *   <li>live: trackers not yet released, newest at the head (the kernel's {@code list}, walked
 *       newest to oldest when reporting), so the oldest is at the tail;</li>
 *   <li>quarantine: released trackers, oldest at the head; past its capacity the head is evicted
 *       (FIFO, as the kernel's).</li>
 * </ul>
 *
 * <p>Not thread-safe: every method is called with the owning ledger's lock held.
 *
 * <p>{@link #addLive}, {@link #released} and {@link #removeLive} call no method: a call can
 * throw {@code StackOverflowError} on entry, and these must either not start or finish, so a
 * caller near the end of its stack never leaves a tracker half moved.
 */
final class TrackerList {
    private final Tracker live = sentinel();
    private final Tracker quarantine = sentinel();
    private final int quarantineCapacity;
    private int liveCount;
    private int quarantined;
    private long releasedTotal;

    TrackerList(int quarantineCapacity) {
        this.quarantineCapacity = quarantineCapacity;
    }

    private static Tracker sentinel() {
        Tracker s = new Tracker(null, null, null);
        s.prev = s;
        s.next = s;
        return s;
    }

    int liveCount() {
        return liveCount;
    }

    int quarantined() {
        return quarantined;
    }

    long releasedTotal() {
        return releasedTotal;
    }

    /** Links a new live tracker at the head. */
    void addLive(Tracker t) {
        t.prev = live;
        t.next = live.next;
        live.next.prev = t;
        live.next = t;
        liveCount++;
    }

    /**
     * Marks a tracker released and takes it off the live list; keeps it in the quarantine unless
     * {@code keepHistory} is false (a closed directory keeps none), evicting the oldest past the
     * capacity.
     */
    void released(Tracker t, boolean wasLinked, boolean keepHistory) {
        t.state = Tracker.RELEASED;
        releasedTotal++;
        if (!wasLinked) {
            return;
        }
        t.prev.next = t.next;
        t.next.prev = t.prev;
        liveCount--;
        if (!keepHistory) {
            t.prev = null;
            t.next = null;
            return;
        }
        t.next = quarantine;
        t.prev = quarantine.prev;
        quarantine.prev.next = t;
        quarantine.prev = t;
        quarantined++;
        if (quarantined > quarantineCapacity) {
            Tracker oldest = quarantine.next;
            quarantine.next = oldest.next;
            oldest.next.prev = quarantine;
            oldest.prev = null;
            oldest.next = null;
            oldest.state = Tracker.EVICTED;
            quarantined--;
        }
    }

    /** Takes a live tracker off the list without releasing it (it was lost). */
    void removeLive(Tracker t) {
        t.prev.next = t.next;
        t.next.prev = t.prev;
        t.prev = null;
        t.next = null;
        liveCount--;
    }

    /** The oldest live tracker, or {@code null}. */
    Tracker oldestLive() {
        return live.prev == live ? null : live.prev;
    }

    /** How many trackers at the head still carry a raw capture: those linked since the last promotion. */
    int rawPrefix() {
        int prefix = 0;
        for (Tracker t = live.next; t != live && t.allocStack instanceof RawCapture; t = t.next) {
            prefix++;
        }
        return prefix;
    }

    /** Copies the newest {@code trackers.length} live trackers and the stacks they carry now. */
    void copyNewest(Tracker[] trackers, StackRef[] stacks) {
        Tracker t = live.next;
        for (int i = 0; i < trackers.length; i++, t = t.next) {
            trackers[i] = t;
            stacks[i] = t.allocStack;
        }
    }

    /** Copies the oldest {@code trackers.length} live trackers, oldest first, and their stacks. */
    void copyOldest(Tracker[] trackers, StackRef[] stacks) {
        Tracker t = live.prev;
        for (int i = 0; i < trackers.length; i++, t = t.prev) {
            trackers[i] = t;
            stacks[i] = t.allocStack;
        }
    }

    /** At close: evicts the whole quarantine and orphans every live tracker. */
    void clearAtClose() {
        while (quarantine.next != quarantine) {
            Tracker oldest = quarantine.next;
            unlink(oldest);
            oldest.state = Tracker.EVICTED;
        }
        quarantined = 0;
        for (Tracker t = live.next; t != live; t = live.next) {
            unlink(t);
            t.state = Tracker.ORPHANED;
        }
        liveCount = 0;
    }

    private static void unlink(Tracker t) {
        t.prev.next = t.next;
        t.next.prev = t.prev;
        t.prev = null;
        t.next = null;
    }
}
