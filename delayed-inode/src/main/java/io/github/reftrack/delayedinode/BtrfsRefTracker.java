package io.github.reftrack.delayedinode;

import io.github.reftrack.RefTracker;

/**
 * {@code struct btrfs_ref_tracker}: the slot a holder of a delayed-node reference keeps beside
 * it. A caller declares one, passes it to a get method (which fills it), and hands the same slot
 * to the matching release:
 *
 * <pre>{@code
 * BtrfsRefTracker tracker = new BtrfsRefTracker();
 * DelayedNode node = fs.nodes().getDelayedNode(inode, tracker);
 * if (node != null) {
 *     ...
 *     fs.nodes().releaseDelayedNode(node, tracker);
 * }
 * }</pre>
 *
 * <p>As in the kernel, freeing does not clear the slot (a second release through it is reported
 * as a double release), and a failed may-fail ("ATOMIC") allocation leaves it empty: the
 * reference is then counted as untracked. With tracking off nothing is ever stored.
 *
 * <p>Not thread-safe: a slot belongs to the one holder of its reference.
 */
public final class BtrfsRefTracker {
    /** The tracker, or {@code null}: never allocated, or its allocation failed. */
    RefTracker tracker;

    /** Creates an empty slot. */
    public BtrfsRefTracker() {
    }

    /**
     * Copies the slot by value, as the kernel's walkers do ({@code prev_tracker = curr_tracker}).
     *
     * @return a new slot holding the same tracker
     */
    public BtrfsRefTracker copy() {
        BtrfsRefTracker copy = new BtrfsRefTracker();
        copy.tracker = tracker;
        return copy;
    }

    @Override
    public String toString() {
        return tracker == null ? "BtrfsRefTracker[empty]" : "BtrfsRefTracker[" + tracker + "]";
    }
}
