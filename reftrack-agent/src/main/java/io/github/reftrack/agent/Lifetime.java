package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * One lifetime of one tracked object: from its birth (construction, or reset on reuse from a
 * pool) until its count reaches zero, with a reftrack directory holding one tracker per live
 * reference. A phantom reference to the object, so that the agent learns when it is collected while
 * references are still live: that is a leak. Phantom, not weak: a weak reference is cleared before
 * the object's finalizer (or a finalizer of an object holding it) runs, and a release there is a
 * correct program; a phantom reference is enqueued only once no finalizer can reach the object.
 *
 * <p>Thread-safe: the live list is guarded by this object's monitor; the directory is
 * thread-safe itself.
 */
final class Lifetime extends PhantomReference<Object> {
    /** One live reference: its tracker, the site that took it, when, and on which thread (or null). */
    static final class Ref {
        final RefTracker tracker;
        final Site site;
        final long takenNanos;
        final String thread;

        Ref(RefTracker tracker, Site site, long takenNanos) {
            this(tracker, site, takenNanos, null);
        }

        Ref(RefTracker tracker, Site site, long takenNanos, String thread) {
            this.tracker = tracker;
            this.site = site;
            this.takenNanos = takenNanos;
            this.thread = thread;
        }
    }

    final Profile profile;
    final RefTrackerDir dir;
    /** The object existed before tracking started (attach): its true count is unknown. */
    final boolean preexisting;
    private final int identity;
    private final List<Ref> live = new ArrayList<>(4);
    private RefTracker lastReleased;
    /** References held by derived buffers on this one (counted exactly, without trackers). */
    private int owed;
    /** References handed to holders (composite buffers' components), counted exactly, without trackers. */
    private int held;
    private boolean ended;
    /** A reference held longer than this is reported, once per lifetime; 0: never. */
    private final long holdNanos;
    private boolean reportedLongHeld;
    /** What the GC found leaked, kept for the scope that claimed this lifetime; null otherwise. */
    volatile LeakReport reaped;

    /**
     * A lifetime whose references go to {@code dir}: a new directory, or for an object reused from
     * a pool the directory of its previous lifetime, which goes on.
     */
    Lifetime(Object referent, ReferenceQueue<Object> queue, Profile profile, boolean preexisting, RefTrackerDir dir,
            long holdNanos) {
        super(referent, queue);
        this.holdNanos = holdNanos;
        this.profile = profile;
        this.preexisting = preexisting;
        this.identity = System.identityHashCode(referent);
        this.dir = dir;
    }

    /**
     * Takes {@code n} references from {@code site}, unless this lifetime has ended: a lifetime never
     * starts again, the object's next one does.
     *
     * @return whether they were taken
     */
    synchronized boolean acquire(int n, Site site) {
        return acquire(n, site, null);
    }

    /** {@link #acquire(int, Site)}, the first reference held by {@code holder} (a resource's name), or none. */
    synchronized boolean acquire(int n, Site site, String holder) {
        if (ended) {
            return false;
        }
        long now = System.nanoTime();
        // the thread's name is the long-held report's context: kept only when there can be one
        String thread = holdNanos > 0 ? Thread.currentThread().getName() : null;
        for (int i = 0; i < n; i++) {
            live.add(new Ref(i == 0 ? dir.alloc(holder) : dir.alloc(), site, now, thread));
            site.taken.increment();
        }
        return true;
    }

    /**
     * Drops {@code n} references, paired by the policy.
     *
     * @return how many of them matched no live reference: released before tracking started
     *         (preexisting objects), or released again after the count reached zero (reported as
     *         a double release by the directory)
     */
    synchronized int release(int n, Pairing pairing, Sites sites, boolean byDerived, boolean byHolder) {
        int unmatched = 0;
        for (int i = 0; i < n; i++) {
            if (byDerived && owed > 0) {
                owed--;
                continue;
            }
            if (byHolder && held > 0) {
                held--;
                continue;
            }
            if (live.isEmpty()) {
                if (ended && lastReleased != null) {
                    dir.free(lastReleased);
                } else {
                    unmatched++;
                }
                continue;
            }
            int pick = pairing.pick(live, sites::takenInCaller);
            Ref ref = live.remove(pick);
            ref.site.released.increment();
            dir.free(ref.tracker);
            lastReleased = ref.tracker;
        }
        if (live.isEmpty() && owed == 0 && held == 0 && !preexisting && unmatched == 0) {
            ended = true;
        }
        return unmatched;
    }

    /**
     * The oldest live reference if it has been held longer than the hold threshold at
     * {@code now} and this lifetime reported none yet; it counts as reported from here on.
     */
    synchronized Ref overdue(long now) {
        if (holdNanos <= 0 || reportedLongHeld || ended || live.isEmpty()) {
            return null;
        }
        Ref oldest = live.get(0);
        for (Ref ref : live) {
            if (ref.takenNanos < oldest.takenNanos) {
                oldest = ref;
            }
        }
        if (now - oldest.takenNanos < holdNanos) {
            return null;
        }
        reportedLongHeld = true;
        return oldest;
    }

    /** The hold threshold of this lifetime, in nanoseconds; 0 when there is none. */
    long holdNanos() {
        return holdNanos;
    }

    synchronized boolean ended() {
        return ended;
    }

    synchronized boolean hasLive() {
        return !live.isEmpty();
    }

    /** Copies the live references, oldest first. */
    synchronized List<Ref> liveRefs() {
        return new ArrayList<>(live);
    }

    /**
     * Ends this lifetime for a reset on reuse and hands its directory, emptied, to the next one:
     * creating and closing a directory per reuse would cost more than the references themselves.
     */
    synchronized RefTrackerDir handOver() {
        for (Ref ref : live) {
            dir.free(ref.tracker);
            ref.site.taken.decrement();
        }
        live.clear();
        owed = 0;
        held = 0;
        ended = true;
        return dir;
    }

    /**
     * Ends this lifetime without reporting: the object was reset for reuse ({@code undo}: its
     * references were never the user's, so they leave the sites' balance), or the leak was counted.
     */
    synchronized void discard(boolean undo) {
        for (Ref ref : live) {
            dir.free(ref.tracker);
            if (undo) {
                ref.site.taken.decrement();
            }
        }
        live.clear();
        ended = true;
        dir.close();
    }

    /** A derived buffer took {@code n} references on this one. */
    synchronized void owe(int n) {
        owed += n;
    }

    /**
     * A holder took over one of the live references (a buffer became a composite's component): the
     * user's reference is paired as if released there, and the holder's is counted without a tracker.
     */
    synchronized void handTo(Pairing pairing, Sites sites) {
        if (live.isEmpty()) {
            return; // taken before tracking started: its release is counted as such
        }
        Ref ref = live.remove(pairing.pick(live, sites::takenInCaller));
        ref.site.released.increment();
        dir.free(ref.tracker);
        lastReleased = ref.tracker;
        held++;
    }

    /**
     * Whether only derived buffers still held references: the object was collected because they
     * were (they leaked, and are reported themselves).
     */
    synchronized boolean keptOnlyByDerived() {
        return live.isEmpty() && owed > 0 && held == 0;
    }

    /**
     * Whether only holders (composite buffers) still held references: the object was collected
     * with a leaked holder, which is reported itself.
     */
    synchronized boolean keptOnlyByHolder() {
        return live.isEmpty() && held > 0;
    }

    @Override
    public int hashCode() {
        return identity;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof Probe probe) {
            return refersTo(probe.object);
        }
        return false;
    }

    /** A lookup key for the side table: equal to the lifetime of the same object. */
    static final class Probe {
        final Object object;

        Probe(Object object) {
            this.object = object;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Lifetime life && life.refersTo(object);
        }
    }
}
