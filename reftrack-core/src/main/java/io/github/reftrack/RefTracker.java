package io.github.reftrack;

import io.github.reftrack.internal.engine.Tracker;
import io.github.reftrack.internal.engine.TrackerHandle;

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
 * <p>Only reftrack implements this interface: a tracker is one object, the record its directory
 * links into its lists, so taking a reference allocates nothing else (with lost-reference
 * detection on, the caller holds a small handle on that record instead, which the garbage
 * collector can find unreachable while the record is still listed). Thread-safe: all mutable
 * state is guarded by the owning directory's lock.
 */
public sealed interface RefTracker permits Tracker, TrackerHandle {

    /**
     * Returns the context tag the reference was taken with (see {@link ContextSource}): the
     * request, trace or test it was taken during.
     *
     * @return the tag, or {@code null} when the runtime had no source, the source gave none, or
     *         this is one of the shared trackers
     */
    String context();

    /**
     * Describes the tracker: directory, holder and state. The state is read without the
     * directory's lock and may be momentarily stale.
     *
     * @return for example {@code RefTracker[dir=delayed_node@00000000c0ffee11, holder=inode_cache, state=live]}
     */
    @Override
    String toString();
}
