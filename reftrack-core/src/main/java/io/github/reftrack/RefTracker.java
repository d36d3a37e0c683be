package io.github.reftrack;

import io.github.reftrack.internal.capture.StackRef;

/**
 * One tracked reference: an opaque handle returned by {@link RefTrackerDir#alloc()} and handed
 * back to {@link RefTrackerDir#free}. It remembers the stack that took the reference and, once
 * released, the stack that released it, so a second release is always caught with both stacks.
 *
 * <p>Keep it next to the reference it stands for (a field beside the pointer, or a local
 * variable), exactly as the kernel's {@code struct ref_tracker *} slot. Releasing does not clear
 * anything: releasing the same tracker again is how a double release is detected.
 *
 * <p>Two shared instances stand for references that have no tracker of their own: the one the
 * no-op directory returns, and the one a sampling directory returns for references it only
 * counts. Both are accepted by {@code free}.
 *
 * <p>Thread-safe: all mutable state is guarded by the owning directory's lock.
 */
public final class RefTracker {
    static final byte LIVE = 0;
    static final byte RELEASED = 1;
    static final byte EVICTED = 2;
    static final byte LOST = 3;
    static final byte ORPHANED = 4;
    static final byte SHARED = 5;

    /** The tracker of the no-op directory. */
    static final RefTracker NOOP = shared();
    /** The token for references a directory counts without a stack. */
    static final RefTracker UNTRACKED = shared();

    /** Owning directory; {@code null} for the shared instances. */
    final Ledger dir;
    /** Holder name from {@code alloc(holder)}, or {@code null}. */
    final String holder;
    /**
     * With lost-reference detection the caller gets a handle and the directory keeps this
     * separate record, so the handle can become unreachable while the record is listed.
     * {@code null} when the tracker is its own record.
     */
    final RefTracker record;

    // Guarded by dir.lock.
    /** The allocation stack: raw, interned, or {@code null} if it was not captured. */
    StackRef allocStack;
    /** The first release's stack, same representations; {@code null} while live or not captured. */
    StackRef freeStack;
    /** {@link System#nanoTime()} (the runtime's ticker) when the reference was taken. */
    long allocNanos;
    /** Links in the live list (newest first) or the quarantine (oldest first). */
    RefTracker prev;
    RefTracker next;
    /** The phantom reference watching the handle, while live, with lost detection on. */
    LostWatch watch;
    byte state;

    RefTracker(Ledger dir, String holder, RefTracker record) {
        this.dir = dir;
        this.holder = holder;
        this.record = record;
    }

    private static RefTracker shared() {
        RefTracker shared = new RefTracker(null, null, null);
        shared.state = SHARED;
        return shared;
    }

    /** Returns the record that the directory lists for this handle. */
    RefTracker record() {
        return record != null ? record : this;
    }

    /**
     * Describes the tracker: directory, holder and state. The state is read without the
     * directory's lock and may be momentarily stale.
     *
     * @return for example {@code RefTracker[dir=delayed_node@00000000c0ffee11, holder=inode_cache, state=live]}
     */
    @Override
    public String toString() {
        if (state == SHARED) {
            return this == NOOP ? "RefTracker[no-op]" : "RefTracker[untracked]";
        }
        StringBuilder out = new StringBuilder(96).append("RefTracker[dir=").append(dir.name());
        if (holder != null) {
            out.append(", holder=").append(holder);
        }
        return out.append(", state=").append(stateName(record().state)).append(']').toString();
    }

    private static String stateName(byte state) {
        switch (state) {
            case LIVE:
                return "live";
            case RELEASED:
                return "released";
            case EVICTED:
                return "released, past quarantine";
            case LOST:
                return "lost";
            case ORPHANED:
                return "live, directory closed";
            default:
                return "shared";
        }
    }
}
