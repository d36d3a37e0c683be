package io.github.reftrack.internal.engine;

import io.github.reftrack.RefTracker;
import io.github.reftrack.internal.capture.StackRef;

/**
 * The engine's {@link RefTracker}: the record a {@code Ledger} links into the live list and the
 * quarantine through the intrusive {@code prev}/{@code next} fields and, unless lost-reference
 * detection separates the two, the handle the caller holds. One 48-byte object per tracked
 * reference (six references, the hold time and the state behind a 12-byte header); with
 * lost-reference detection the record is a {@link WatchedTracker} and the caller holds a
 * {@link TrackerHandle}. A reference taken with a context tag costs one 24-byte {@link Tagged}
 * more: the holder and the tag share one field, so trackers without a tag stay at 48 bytes.
 *
 * <p>Two shared instances, {@link #NOOP} and {@link #UNTRACKED}, stand for references without a
 * tracker of their own; they belong to no directory.
 *
 * <p>Thread-safe: all mutable state is guarded by the owning ledger's lock.
 */
public sealed class Tracker implements RefTracker permits WatchedTracker {
    /** Taken and not yet released. */
    public static final byte LIVE = 0;
    /** Released, and kept in the quarantine. */
    public static final byte RELEASED = 1;
    /** Released, and evicted from the quarantine (or its directory was closed). */
    public static final byte EVICTED = 2;
    /** Found unreachable while live, and reported lost. */
    public static final byte LOST = 3;
    /** Live when its directory was closed (and reported as leaked then). */
    public static final byte ORPHANED = 4;
    /** One of the shared instances. */
    public static final byte SHARED = 5;

    /** The tracker of the no-op directory. */
    public static final Tracker NOOP = shared();
    /** The token for references a directory counts without a stack. */
    public static final Tracker UNTRACKED = shared();

    /** Owning directory; {@code null} for the shared instances. */
    final Ledger dir;
    /**
     * The holder name from {@code alloc(holder)} ({@code String}), or that and the context tag
     * ({@link Tagged}), or {@code null}.
     */
    private final Object label;

    // Guarded by dir.lock.
    /** The allocation stack: raw, interned, or {@code null} if it was not captured. */
    StackRef allocStack;
    /** The first release's stack, same representations; {@code null} while live or not captured. */
    StackRef freeStack;
    /** {@link System#nanoTime()} (the runtime's ticker) when the reference was taken. */
    long allocNanos;
    /** Links in the live list (newest first) or the quarantine (oldest first). */
    Tracker prev;
    Tracker next;
    byte state;

    Tracker(Ledger dir, String holder, String context) {
        this.dir = dir;
        this.label = context == null ? holder : new Tagged(holder, context);
    }

    private static Tracker shared() {
        Tracker shared = new Tracker(null, null, null);
        shared.state = SHARED;
        return shared;
    }

    /** The holder name given to {@code alloc(holder)}, or {@code null}. */
    String holder() {
        return label instanceof Tagged ? ((Tagged) label).holder : (String) label;
    }

    @Override
    public String context() {
        return label instanceof Tagged ? ((Tagged) label).context : null;
    }

    /**
     * Stops watching this record's handle, if anything watches it. Caller holds the ledger's lock.
     *
     * @return the watch to clear outside the list moves, or {@code null}
     */
    LostWatch unwatch() {
        return null;
    }

    /**
     * Returns the state of this handle's record, read without the lock (may be stale).
     *
     * @return one of {@link #LIVE}, {@link #RELEASED}, {@link #EVICTED}, {@link #LOST},
     *         {@link #ORPHANED}, {@link #SHARED}
     */
    public byte state() {
        return state;
    }

    /**
     * Returns the allocation stack as it is now, read without the lock: raw until promoted or
     * reported, then interned; {@code null} if it was not captured.
     *
     * @return the stack reference
     */
    public StackRef allocStack() {
        return allocStack;
    }

    /**
     * Returns the first release's stack, read without the lock; {@code null} while live.
     *
     * @return the stack reference
     */
    public StackRef freeStack() {
        return freeStack;
    }

    @Override
    public String toString() {
        if (state == SHARED) {
            return this == NOOP ? "RefTracker[no-op]" : "RefTracker[untracked]";
        }
        StringBuilder out = new StringBuilder(96).append("RefTracker[dir=").append(dir.name());
        if (holder() != null) {
            out.append(", holder=").append(holder());
        }
        if (context() != null) {
            out.append(", context=").append(context());
        }
        return out.append(", state=").append(stateName(state)).append(']').toString();
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

    /** A holder name and a context tag, for the trackers that have a tag. */
    private static final class Tagged {
        final String holder;
        final String context;

        Tagged(String holder, String context) {
            this.holder = holder;
            this.context = context;
        }
    }
}
