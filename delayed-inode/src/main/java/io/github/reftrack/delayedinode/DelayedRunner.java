package io.github.reftrack.delayedinode;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Flushing delayed items into the {@link MetadataTree} (spec §6.6, §7.1–7.3): leaf-sized batches
 * of dir-index insertions, runs of adjacent deletions, then the inode item.
 *
 * <p>Thread-safe: a node's items are flushed under its mutex (taken per batch, so creat/unlink
 * are not blocked for a whole flush); the tree has its own lock.
 */
public final class DelayedRunner {
    private final BtrfsFs fs;
    private final DelayedNodes nodes;
    /** Test hook: runs after each insertion batch, mutex held. */
    volatile Consumer<DelayedNode> afterInsertBatch = node -> { };

    DelayedRunner(BtrfsFs fs, DelayedNodes nodes) {
        this.fs = fs;
        this.nodes = nodes;
    }

    /**
     * {@code __btrfs_run_delayed_items}: flushes nodes from the head of the node list, walking
     * with first/next and handing the tracker from {@code curr} to {@code prev} by value.
     *
     * @param trans the transaction
     * @param nr    how many nodes to flush; 0 or less flushes all
     * @return 0, {@link Errno#EIO} if the transaction is aborted, or a flush error (which aborts)
     */
    public int runDelayedItems(Transaction trans, int nr) {
        if (trans.isAborted()) {
            return Errno.EIO;
        }
        int ret = 0;
        int budget = nr;
        BtrfsRefTracker currTracker = new BtrfsRefTracker();
        DelayedNode curr = nodes.firstDelayedNode(currTracker);
        while (curr != null && (nr <= 0 || budget > 0)) {
            ret = commitNode(trans, curr);
            if (ret != 0) {
                trans.abort();
                break;
            }
            DelayedNode prev = curr;
            BtrfsRefTracker prevTracker = currTracker.copy();
            currTracker = new BtrfsRefTracker();
            curr = nodes.nextDelayedNode(curr, currTracker);
            if (!fs.inject(InjectionSite.FIRST_NEXT_WALK)) {
                nodes.releaseDelayedNode(prev, prevTracker);
            }
            budget--;
        }
        nodes.releaseDelayedNode(curr, currTracker);
        return ret;
    }

    /**
     * {@code btrfs_commit_inode_delayed_items}: flushes one inode's delayed items.
     *
     * @param trans the transaction
     * @param inode the inode
     * @return 0 or a flush error
     */
    public int commitInodeDelayedItems(Transaction trans, BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return 0;
        }
        if (node.count() == 0) {
            nodes.releaseDelayedNode(node, tracker);
            return 0;
        }
        int ret = commitNode(trans, node);
        nodes.releaseDelayedNode(node, tracker);
        return ret;
    }

    /**
     * {@code btrfs_commit_inode_delayed_inode}: writes only the pending inode item of one inode.
     *
     * @param inode the inode
     * @return 0, the update's error, or {@link Errno#ENOMEM} if no transaction can be joined
     */
    public int commitInodeDelayedInode(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node == null) {
            return 0;
        }
        if (!node.testFlag(DelayedNode.INODE_DIRTY)) {
            nodes.releaseDelayedNode(node, tracker);
            return 0;
        }
        if (fs.joinTransaction() == null) {
            nodes.releaseDelayedNode(node, tracker);
            return Errno.ENOMEM;
        }
        int ret = 0;
        node.mutex.lock();
        try {
            if (node.testFlag(DelayedNode.INODE_DIRTY)) {
                ret = updateDelayedInode(node);
            }
        } finally {
            node.mutex.unlock();
        }
        nodes.releaseDelayedNode(node, tracker);
        return ret;
    }

    /** {@code __btrfs_commit_inode_delayed_items}: insertions, deletions, inode item. */
    int commitNode(Transaction trans, DelayedNode node) {
        node.kasan("__btrfs_commit_inode_delayed_items");
        int ret = insertDelayedItems(node);
        if (ret == 0) {
            ret = deleteDelayedItems(node);
        }
        if (ret == 0) {
            node.mutex.lock();
            try {
                if (node.testFlag(DelayedNode.INODE_DIRTY)) {
                    ret = updateDelayedInode(node);
                }
            } finally {
                node.mutex.unlock();
            }
        }
        return ret;
    }

    /** One leaf-sized batch per iteration, mutex held per batch. */
    private int insertDelayedItems(DelayedNode node) {
        for (;;) {
            node.mutex.lock();
            try {
                if (node.insRoot.isEmpty()) {
                    return 0;
                }
                List<DelayedItem> batch = nextInsertBatch(node);
                List<Map.Entry<MetadataTree.Key, Object>> entries = new ArrayList<>(batch.size());
                for (DelayedItem item : batch) {
                    entries.add(new AbstractMap.SimpleImmutableEntry<>(
                            new MetadataTree.Key(node.inodeId, MetadataTree.DIR_INDEX, item.index),
                            new MetadataTree.DirEntry(item.name, item.location)));
                }
                fs.tree.insertBatch(entries);
                for (DelayedItem item : batch) {
                    node.insRoot.remove(item.index);
                    node.count--;
                    fs.delayedRoot.finishOneItem();
                }
                if (!node.insRoot.isEmpty() && !fs.logReplay) {
                    node.indexItemLeaves = Math.max(0, node.indexItemLeaves - 1);
                } else if (node.insRoot.isEmpty()) {
                    node.indexItemLeaves = 0;
                    node.currIndexBatchSize = 0;
                }
                afterInsertBatch.accept(node);
            } finally {
                node.mutex.unlock();
            }
        }
    }

    /** Smallest index first; add while the batch fits a leaf (and, in log replay, is contiguous). */
    private List<DelayedItem> nextInsertBatch(DelayedNode node) {
        List<DelayedItem> batch = new ArrayList<>();
        int total = 0;
        DelayedItem prev = null;
        for (DelayedItem item : node.insRoot.values()) {
            int size = item.leafBytes();
            if (prev != null && (total + size > Leaf.DATA_SIZE || fs.logReplay && item.index != prev.index + 1)) {
                break;
            }
            batch.add(item);
            total += size;
            prev = item;
        }
        return batch;
    }

    /** Deletions: runs of delayed deletions whose keys sit in adjacent tree slots go in one call. */
    private int deleteDelayedItems(DelayedNode node) {
        for (;;) {
            node.mutex.lock();
            try {
                if (node.delRoot.isEmpty()) {
                    return 0;
                }
                DelayedItem first = node.delRoot.firstEntry().getValue();
                MetadataTree.Key key = new MetadataTree.Key(node.inodeId, MetadataTree.DIR_INDEX, first.index);
                if (!fs.tree.contains(key)) {
                    dropDeletion(node, first);
                    continue;
                }
                List<MetadataTree.Key> run = new ArrayList<>();
                List<DelayedItem> items = new ArrayList<>();
                run.add(key);
                items.add(first);
                for (DelayedItem next : node.delRoot.tailMap(first.index, false).values()) {
                    MetadataTree.Key slot = fs.tree.nextKey(run.get(run.size() - 1));
                    if (slot == null || slot.objectid() != node.inodeId || slot.type() != MetadataTree.DIR_INDEX
                            || slot.offset() != next.index) {
                        break;
                    }
                    run.add(slot);
                    items.add(next);
                }
                fs.tree.deleteRun(run);
                items.forEach(item -> dropDeletion(node, item));
            } finally {
                node.mutex.unlock();
            }
        }
    }

    private void dropDeletion(DelayedNode node, DelayedItem item) {
        node.delRoot.remove(item.index);
        node.count--;
        fs.delayedRoot.finishOneItem();
    }

    /** §6.6 step 4, caller holds the mutex and has seen INODE_DIRTY. */
    private int updateDelayedInode(DelayedNode node) {
        boolean delIref = node.testFlag(DelayedNode.DEL_IREF);
        boolean found = fs.tree.updateInodeItem(node.inodeItem, delIref);
        if (delIref) {
            node.clearFlag(DelayedNode.DEL_IREF);
            node.count--;
            fs.delayedRoot.finishOneItem();
        }
        node.bytesReserved = 0;
        node.clearFlag(DelayedNode.INODE_DIRTY);
        node.count--;
        fs.delayedRoot.finishOneItem();
        return found ? 0 : Errno.ENOENT;
    }
}
