package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;

/**
 * The readers of pending delayed items (spec §7.6): readdir and the tree log, which drop their
 * node reference raw (tracker free plus refcount decrement, no requeue), and the two lookups
 * that copy pending state into an in-memory inode.
 *
 * <p>Thread-safe. Callers serialise operations on one inode, as the VFS inode lock does.
 */
public final class DelayedReaders {
    private final BtrfsFs fs;
    private final DelayedNodes nodes;

    DelayedReaders(BtrfsFs fs, DelayedNodes nodes) {
        this.fs = fs;
        this.nodes = nodes;
    }

    /**
     * {@code btrfs_readdir_get_delayed_items}: the pending insertions and deletions with index
     * at most {@code lastIndex}, each with an item reference; the node reference is dropped raw
     * (no requeue). Give the items back with {@link #readdirPutDelayedItems}.
     *
     * @param inode     the directory
     * @param lastIndex the highest index the readdir will show
     * @return the pending items, empty if the directory has no delayed node
     */
    public PendingEntries readdirGetDelayedItems(BtrfsInode inode, long lastIndex) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return PendingEntries.EMPTY;
        }
        List<DelayedItem> ins = new ArrayList<>();
        List<DelayedItem> del = new ArrayList<>();
        node.mutex.lock();
        try {
            collect(node.insRoot.headMap(lastIndex, true).values(), ins);
            collect(node.delRoot.headMap(lastIndex, true).values(), del);
        } finally {
            node.mutex.unlock();
        }
        if (!fs.inject(InjectionSite.READDIR_RAW_DROP)) {
            nodes.rawDrop(node, tracker);
        }
        return new PendingEntries(ins, del);
    }

    private static void collect(Iterable<DelayedItem> items, List<DelayedItem> out) {
        for (DelayedItem item : items) {
            item.refs.incrementAndGet();
            out.add(item);
        }
    }

    /**
     * {@code btrfs_readdir_put_delayed_items}: drops the item references only.
     *
     * @param entries what {@link #readdirGetDelayedItems} returned
     */
    public void readdirPutDelayedItems(PendingEntries entries) {
        entries.items().forEach(item -> item.refs.decrementAndGet());
    }

    /**
     * {@code btrfs_log_get_delayed_items}: collects the insertions and deletions not yet logged
     * nor on a log list; drops the node reference raw (asserting another reference exists).
     *
     * @param inode the directory being logged
     * @return the collected items
     */
    public PendingEntries logGetDelayedItems(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return PendingEntries.EMPTY;
        }
        List<DelayedItem> ins = new ArrayList<>();
        List<DelayedItem> del = new ArrayList<>();
        node.mutex.lock();
        try {
            logCollect(node.insRoot.values(), ins);
            logCollect(node.delRoot.values(), del);
        } finally {
            node.mutex.unlock();
        }
        if (node.refs.read() <= 1) {
            throw new AssertionError("BUG: log_get_delayed_items holds the only reference of " + node);
        }
        nodes.rawDrop(node, tracker);
        return new PendingEntries(ins, del);
    }

    private static void logCollect(Iterable<DelayedItem> items, List<DelayedItem> out) {
        for (DelayedItem item : items) {
            if (!item.logged && !item.onLogList) {
                item.onLogList = true;
                item.refs.incrementAndGet();
                out.add(item);
            }
        }
    }

    /**
     * {@code btrfs_log_put_delayed_items}: marks the collected items logged and drops their
     * references (under the node mutex, with a raw node reference like the get).
     *
     * @param inode   the directory
     * @param entries what {@link #logGetDelayedItems} returned
     */
    public void logPutDelayedItems(BtrfsInode inode, PendingEntries entries) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return;
        }
        node.mutex.lock();
        try {
            for (DelayedItem item : entries.items()) {
                item.logged = true;
                item.onLogList = false;
                item.refs.decrementAndGet();
            }
        } finally {
            node.mutex.unlock();
        }
        if (node.refs.read() <= 1) {
            throw new AssertionError("BUG: log_put_delayed_items holds the only reference of " + node);
        }
        nodes.rawDrop(node, tracker);
    }

    /**
     * {@code btrfs_inode_delayed_dir_index_count}: copies the node's next dir index into the
     * inode.
     *
     * @param inode the directory
     * @return 0, {@link Errno#ENOENT} without a node, {@link Errno#EINVAL} with no insertion ever
     */
    public int inodeDelayedDirIndexCount(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return Errno.ENOENT;
        }
        int ret = 0;
        node.mutex.lock();
        try {
            if (node.indexCnt == 0) {
                ret = Errno.EINVAL;
            } else {
                inode.indexCnt = node.indexCnt;
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return ret;
    }

    /**
     * {@code btrfs_fill_inode}: populates the in-memory inode from a pending inode-item update.
     *
     * @param inode the inode being read
     * @return 0, or {@link Errno#ENOENT} without a node or without a pending update
     */
    public int fillInode(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return Errno.ENOENT;
        }
        int ret = Errno.ENOENT;
        node.mutex.lock();
        try {
            if (node.testFlag(DelayedNode.INODE_DIRTY)) {
                InodeItem item = node.inodeItem;
                inode.size = item.size();
                inode.nlink = item.nlink();
                inode.generation = item.generation();
                if (inode.directory) {
                    inode.indexCnt = -1;
                }
                ret = 0;
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return ret;
    }
}
