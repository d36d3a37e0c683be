package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;

/**
 * Queuing delayed items (spec §6.1–6.4) and the readers of pending items (§7.6): every function
 * takes a node reference with a stack-local {@link BtrfsRefTracker} and gives it back before
 * returning, except where an armed {@link InjectionSite} makes it forget.
 *
 * <p>Thread-safe. Callers serialise operations on one inode, as the VFS inode lock does.
 */
public final class DelayedItems {
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.delayedinode");

    private final BtrfsFs fs;
    private final DelayedNodes nodes;

    DelayedItems(BtrfsFs fs) {
        this.fs = fs;
        this.nodes = fs.nodes();
    }

    /**
     * {@code btrfs_insert_delayed_dir_index}: queues a dir-index insertion.
     *
     * @param trans    the running transaction
     * @param name     the entry name
     * @param dir      the directory
     * @param location the inode the entry points at
     * @param index    the dir index
     * @return 0, or {@link Errno#EEXIST} if an insertion with that index is already pending (the
     *         kernel's "error adding delayed dir index item" message is logged)
     */
    public int insertDelayedDirIndex(Transaction trans, String name, BtrfsInode dir, long location, long index) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getOrCreateDelayedNode(dir, tracker);
        DelayedItem item = DelayedItem.insertion(node, index, name, location);
        int ret = 0;
        node.mutex.lock();
        try {
            if (node.insRoot.putIfAbsent(index, item) != null) {
                ret = Errno.EEXIST;
                LOG.log(System.Logger.Level.ERROR, "error adding delayed dir index item, name: " + name
                        + ", index: " + index + ", root: " + dir.root.rootId + ", dir: " + dir.ino
                        + ", dir->index_cnt: " + dir.indexCnt + ", delayed_node->index_cnt: " + node.indexCnt
                        + ", error: " + ret);
            } else {
                node.indexCnt = Math.max(node.indexCnt, index + 1);
                node.count++;
                fs.delayedRoot.items.incrementAndGet();
                accountIndexLeaf(node, item);
            }
        } finally {
            node.mutex.unlock();
        }
        if (!fs.inject(InjectionSite.INSERT_DIR_INDEX_GET)) {
            nodes.releaseDelayedNode(node, tracker);
        }
        return ret;
    }

    /** Leaf accounting of §6.1 step 4 (caller holds the mutex). */
    private static void accountIndexLeaf(DelayedNode node, DelayedItem item) {
        int sz = item.leafBytes();
        if (node.indexItemLeaves == 0 || node.currIndexBatchSize + sz > Leaf.DATA_SIZE) {
            node.currIndexBatchSize = sz;
            node.indexItemLeaves++;
        } else {
            node.currIndexBatchSize += sz;
        }
    }

    /**
     * {@code btrfs_delete_delayed_dir_index}: cancels a pending insertion of {@code index}, or
     * queues a deletion.
     *
     * @param trans the running transaction
     * @param dir   the directory
     * @param index the dir index to delete
     * @return 0, or {@link Errno#EEXIST} if a deletion of that index is already pending
     */
    public int deleteDelayedDirIndex(Transaction trans, BtrfsInode dir, long index) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getOrCreateDelayedNode(dir, tracker);
        int ret = 0;
        node.mutex.lock();
        try {
            DelayedItem pending = node.insRoot.remove(index);
            if (pending != null) {
                cancelInsertion(node, pending);
            } else if (node.delRoot.putIfAbsent(index, DelayedItem.deletion(node, index)) != null) {
                ret = Errno.EEXIST;
                LOG.log(System.Logger.Level.ERROR, "failed to add delayed dir index item, root: " + dir.root.rootId
                        + ", inode: " + dir.ino + ", index: " + index + ", error: " + ret);
            } else {
                node.count++;
                fs.delayedRoot.items.incrementAndGet();
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return ret;
    }

    /** §6.2 step 2 (caller holds the mutex; the item is already out of the tree). */
    private void cancelInsertion(DelayedNode node, DelayedItem item) {
        node.count--;
        fs.delayedRoot.finishOneItem();
        if (node.indexItemLeaves == 1) {
            node.currIndexBatchSize -= item.leafBytes();
        }
        if (node.insRoot.isEmpty()) {
            node.indexItemLeaves = 0;
            node.currIndexBatchSize = 0;
        }
    }

    /**
     * {@code btrfs_delayed_update_inode}: queues (or refreshes) the inode-item update.
     *
     * @param trans the running transaction
     * @param inode the inode whose in-memory state is to be written
     * @return 0
     */
    public int delayedUpdateInode(Transaction trans, BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getOrCreateDelayedNode(inode, tracker);
        node.mutex.lock();
        try {
            node.inodeItem = inode.toItem(trans.transid);
            if (!node.testFlag(DelayedNode.INODE_DIRTY)) {
                node.bytesReserved = Leaf.NODE_SIZE;
                node.setFlag(DelayedNode.INODE_DIRTY);
                node.count++;
                fs.delayedRoot.items.incrementAndGet();
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return 0;
    }

    /**
     * {@code btrfs_delayed_delete_inode_ref}: queues the deletion of the inode's last back
     * reference (with the next inode-item update).
     *
     * @param inode an inode with one link
     * @return 0, or {@link Errno#EAGAIN} during log replay (nothing is touched)
     */
    public int delayedDeleteInodeRef(BtrfsInode inode) {
        if (fs.logReplay) {
            return Errno.EAGAIN;
        }
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getOrCreateDelayedNode(inode, tracker);
        node.mutex.lock();
        try {
            if (!node.testAndSetFlag(DelayedNode.DEL_IREF)) {
                node.count++;
                fs.delayedRoot.items.incrementAndGet();
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return 0;
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
