package io.github.reftrack.delayedinode;

/**
 * Queuing delayed items (spec §6.1–6.4): every function takes a node reference with a
 * stack-local {@link BtrfsRefTracker} and gives it back before returning, except where an armed
 * {@link InjectionSite} makes it forget. The readers of pending items are {@link DelayedReaders}.
 *
 * <p>Thread-safe. Callers serialise operations on one inode, as the VFS inode lock does.
 */
public final class DelayedItems {
    private final BtrfsFs fs;
    private final DelayedNodes nodes;

    DelayedItems(BtrfsFs fs, DelayedNodes nodes) {
        this.fs = fs;
        this.nodes = nodes;
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
                fs.kernelLog.error("error adding delayed dir index item, name: " + name
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
                fs.kernelLog.error("failed to add delayed dir index item, root: " + dir.root.rootId
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
}
