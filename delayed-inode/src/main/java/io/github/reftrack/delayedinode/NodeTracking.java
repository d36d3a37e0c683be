package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;

/**
 * The {@code btrfs_delayed_node_ref_tracker_*} wrappers of {@code delayed-inode.h}: every one
 * returns at once when the filesystem's {@code refTracker} mount option is off, as after
 * 46d33a0cc484. Their frames are hidden from captured stacks (as the kernel's inline wrappers
 * are invisible), so a report starts at the get or release that called them.
 *
 * <p>Thread-safe as far as the node's directory is; slots belong to their holder.
 */
final class NodeTracking {
    /** {@code BTRFS_DELAYED_NODE_REF_TRACKER_QUARANTINE_COUNT}. */
    static final int QUARANTINE = 16;
    /** {@code BTRFS_DELAYED_NODE_REF_TRACKER_DISPLAY_LIMIT}. */
    static final int DISPLAY_LIMIT = 16;
    /** The directory class of every node. */
    static final String CLASS = "delayed_node";

    static {
        RefTracking.hideWrapperFrames(NodeTracking.class);
    }

    private NodeTracking() {
    }

    /** {@code ..._dir_init}: with the option off the node keeps the shared disabled directory. */
    static void dirInit(DelayedNode node) {
        BtrfsFs fs = node.fs;
        node.refDir = fs.refTracker
                ? RefTrackerDir.builder(CLASS).quarantine(QUARANTINE).mode(fs.trackingMode).build()
                : RefTrackerDir.disabled();
    }

    /** {@code ..._dir_exit}: reports trackers still live (impossible if counts and trackers agree). */
    static void dirExit(DelayedNode node) {
        if (node.fs.refTracker) {
            node.refDir.close();
        }
    }

    /**
     * {@code ..._alloc}: refcount first, then this (spec §4.3). A may-fail site whose allocation
     * the filesystem's failure policy rejects leaves the slot empty and counts the reference as
     * untracked, as {@code ref_tracker_alloc} does when {@code kmalloc} fails.
     */
    static void alloc(DelayedNode node, BtrfsRefTracker slot, AllocSite site, boolean mayFail, String holder) {
        BtrfsFs fs = node.fs;
        if (!fs.refTracker) {
            return;
        }
        node.kasan("ref_tracker_alloc");
        if (mayFail && fs.atomicAllocFails(site)) {
            slot.tracker = null;
            node.refDir.allocUntracked();
            return;
        }
        slot.tracker = node.refDir.alloc(holder);
    }

    static void alloc(DelayedNode node, BtrfsRefTracker slot, AllocSite site) {
        alloc(node, slot, site, site.atomic, null);
    }

    /**
     * {@code ..._free}: tracker first, then the refcount. An empty slot releases an untracked
     * reference ({@code -EEXIST} in the kernel, ignored by btrfs).
     *
     * @return {@code false} for an empty slot or a refused (double or foreign) release
     */
    static boolean free(DelayedNode node, BtrfsRefTracker slot) {
        BtrfsFs fs = node.fs;
        if (!fs.refTracker) {
            return true;
        }
        node.kasan("ref_tracker_free");
        if (slot.tracker == null) {
            node.refDir.freeUntracked();
            return false;
        }
        return node.refDir.free(slot.tracker);
    }

    /**
     * {@code ..._dir_print} (current form): nothing with the option off, nothing when the only
     * reference is the caller's ({@code refs == 1}), else the report with limit 16.
     */
    static void dirPrint(DelayedNode node) {
        node.kasan("btrfs_delayed_node_ref_tracker_dir_print");
        BtrfsFs fs = node.fs;
        if (!fs.refTracker || node.refs.read() == 1) {
            return;
        }
        LeakReport report = node.refDir.report(DISPLAY_LIMIT);
        if (!report.isEmpty()) {
            fs.printReport(node, report);
        }
    }
}
