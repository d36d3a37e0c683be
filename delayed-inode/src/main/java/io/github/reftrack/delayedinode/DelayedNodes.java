package io.github.reftrack.delayedinode;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The delayed-node life cycle (spec §5): lookup and creation, queueing on the delayed root's
 * lists, release, the first/next/first-prepared walks and eviction. Every function that takes a
 * reference fills the caller's {@link BtrfsRefTracker} (refcount first, then the tracker); every
 * release frees it (tracker first, then the refcount).
 *
 * <pre>{@code
 * BtrfsRefTracker tracker = new BtrfsRefTracker();
 * DelayedNode node = fs.nodes().getOrCreateDelayedNode(inode, tracker);
 * try {
 *     ...
 * } finally {
 *     fs.nodes().releaseDelayedNode(node, tracker);
 * }
 * }</pre>
 *
 * <p>Thread-safe; the locks taken are those of the kernel: the subvolume's xarray lock, the
 * delayed root's lock and the node's mutex (never the mutex while holding either spinlock).
 */
public final class DelayedNodes {
    /*
     * How a node stays alive, and why each step is ordered as it is.
     *
     * 1. Publication. A node becomes reachable in two ways: through the subvolume index (under
     *    xaLock) and through inode.delayedNode (volatile, read without locks by the fast path).
     *    The fast path increments refs without inc_not_zero, which is only safe because the
     *    inode cache holds a reference. So refs must be 2 before inode.delayedNode is written;
     *    the fixed ordering sets it (and allocates both trackers) before the node is even put in
     *    the index, and the volatile write publishes it. Writing the pointer first is the §10.4
     *    bug (test ordering PUBLISH_BEFORE_REFS reproduces its "addition on 0").
     * 2. Lookup without the cache goes through the index under xaLock and uses inc_not_zero: a
     *    node whose refs reached 0 is being freed by a release that has not erased it yet. Such
     *    a dying node reads as absent, and a creator that finds its slot occupied discards its
     *    candidate and retries until the erase; it never resurrects the node.
     * 3. Freeing. Only a release that drops refs to 0 frees: it erases the index entry (under
     *    xaLock, so no lookup can pin it afterwards), exits the tracker directory (which would
     *    report trackers still live), and marks the node freed. Every later touch fails the
     *    kasan() guard.
     * 4. Lists. IN_LIST transitions happen under the delayed root's lock with the node mutex
     *    held by the caller, so count (guarded by the mutex) and list membership (one reference)
     *    always agree after a release: listed if and only if items are pending.
     * 5. Trackers follow the refcount: acquire increments then allocates, release frees then
     *    decrements, so at every instant trackers <= refs, and a tracker never outlives its
     *    reference on the node's directory.
     */
    private final BtrfsFs fs;
    /** Test hook: runs in {@code getOrCreateDelayedNode} after the slot is reserved, before the lock. */
    volatile Consumer<BtrfsInode> beforeInsert = inode -> { };
    /** Candidates discarded after losing the insertion race (or finding a dying node). */
    final AtomicLong discarded = new AtomicLong();

    DelayedNodes(BtrfsFs fs) {
        this.fs = fs;
    }

    /**
     * {@code btrfs_get_delayed_node}: the inode's node with a new reference, or {@code null}.
     *
     * @param inode   the inode
     * @param tracker the caller's slot, filled on success
     * @return the node (release it with {@code tracker}), or {@code null} if it has none or it is
     *         being freed
     */
    public DelayedNode getDelayedNode(BtrfsInode inode, BtrfsRefTracker tracker) {
        DelayedNode node = inode.delayedNode;
        if (node != null) {
            // Safe without inc_not_zero: the inode cache holds a reference.
            node.kasan("btrfs_get_delayed_node");
            node.refs.inc();
            NodeTracking.alloc(node, tracker, AllocSite.GET_FAST);
            return node;
        }
        SubvolRoot root = inode.root;
        root.xaLock.lock();
        try {
            node = root.xaLoad(inode.ino);
            if (node == null) {
                return null;
            }
            DelayedNode cached = inode.delayedNode;
            if (cached != null) {
                node.refs.inc();
                NodeTracking.alloc(node, tracker, AllocSite.GET_CACHED);
                if (cached != node) {
                    throw new AssertionError("BUG: inode " + inode.ino + " caches " + cached + " but the index holds "
                            + node);
                }
                return node;
            }
            if (node.refs.incNotZero()) {
                node.refs.inc();
                NodeTracking.alloc(node, tracker, AllocSite.GET_SLOW);
                NodeTracking.alloc(node, node.inodeCacheTracker, AllocSite.GET_SLOW_INODE_CACHE, true, "inode_cache");
                inode.delayedNode = node;
                return node;
            }
            return null;
        } finally {
            root.xaLock.unlock();
        }
    }

    /**
     * {@link #getDelayedNode} with its own slot, for try-with-resources.
     *
     * @param inode the inode
     * @return the reference, or {@code null} if the inode has no node
     */
    public NodeRef get(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = getDelayedNode(inode, tracker);
        return node == null ? null : new NodeRef(this, node, tracker);
    }

    /**
     * {@link #getOrCreateDelayedNode} with its own slot, for try-with-resources.
     *
     * @param inode the inode
     * @return the reference, never {@code null}
     */
    public NodeRef getOrCreate(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        return new NodeRef(this, getOrCreateDelayedNode(inode, tracker), tracker);
    }

    /**
     * {@code btrfs_get_or_create_delayed_node}: the inode's node, created if it has none, with a
     * new reference. Retries while another thread wins the insertion race or a dying node still
     * occupies the index slot.
     *
     * @param inode   the inode
     * @param tracker the caller's slot, filled
     * @return the node, never {@code null} (the port models no {@code -ENOMEM})
     */
    public DelayedNode getOrCreateDelayedNode(BtrfsInode inode, BtrfsRefTracker tracker) {
        SubvolRoot root = inode.root;
        for (;;) {
            DelayedNode node = getDelayedNode(inode, tracker);
            if (node != null) {
                return node;
            }
            node = new DelayedNode(root, inode.ino);
            BtrfsFs.CreateOrdering ordering = fs.createOrdering;
            if (ordering == BtrfsFs.CreateOrdering.FIXED) {
                node.refs.set(2);
                NodeTracking.alloc(node, tracker, AllocSite.CREATE, false, null);
                NodeTracking.alloc(node, node.inodeCacheTracker, AllocSite.CREATE_INODE_CACHE, false, "inode_cache");
            }
            root.xaReserve(inode.ino);
            beforeInsert.accept(inode);
            root.xaLock.lock();
            try {
                if (root.xaLoad(inode.ino) == null) {
                    root.xaStore(inode.ino, node);
                    publish(inode, node, tracker, ordering);
                    fs.nodesCreated.incrementAndGet();
                    return node;
                }
            } finally {
                root.xaLock.unlock();
            }
            discardCandidate(node, tracker, ordering);
            Thread.onSpinWait();
        }
    }

    /** Under the xarray lock: refs and trackers per {@code ordering}, then the cache pointer. */
    private void publish(BtrfsInode inode, DelayedNode node, BtrfsRefTracker tracker,
            BtrfsFs.CreateOrdering ordering) {
        switch (ordering) {
            case SEED:
                node.refs.set(2);
                NodeTracking.alloc(node, tracker, AllocSite.CREATE, true, null);
                NodeTracking.alloc(node, node.inodeCacheTracker, AllocSite.CREATE_INODE_CACHE, true, "inode_cache");
                inode.delayedNode = node;
                break;
            case PUBLISH_BEFORE_REFS:
                inode.delayedNode = node;
                // Widen the window a reader on another CPU would hit in the kernel only rarely.
                for (int i = 0; i < 200; i++) {
                    Thread.onSpinWait();
                }
                Thread.yield();
                node.refs.set(2);
                NodeTracking.alloc(node, tracker, AllocSite.CREATE, true, null);
                NodeTracking.alloc(node, node.inodeCacheTracker, AllocSite.CREATE_INODE_CACHE, true, "inode_cache");
                break;
            default:
                inode.delayedNode = node;
                break;
        }
    }

    /** The lost-race cleanup: free both trackers (fixed code only), exit the dir, free the node. */
    private void discardCandidate(DelayedNode node, BtrfsRefTracker tracker, BtrfsFs.CreateOrdering ordering) {
        if (ordering == BtrfsFs.CreateOrdering.FIXED) {
            NodeTracking.free(node, tracker);
            NodeTracking.free(node, node.inodeCacheTracker);
        }
        NodeTracking.dirExit(node);
        node.markFreed();
        discarded.incrementAndGet();
    }

    /** {@code btrfs_queue_delayed_node}; the caller holds the node's mutex. */
    void queueDelayedNode(DelayedNode node, boolean mod) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        delayedRoot.lock.lock();
        try {
            if (node.testFlag(DelayedNode.IN_LIST)) {
                if (node.pList.isLinked()) {
                    delayedRoot.prepareList.moveTail(node.pList);
                } else if (mod) {
                    delayedRoot.prepareList.addTail(node.pList);
                }
            } else {
                delayedRoot.nodeList.addTail(node.nList);
                delayedRoot.prepareList.addTail(node.pList);
                node.refs.inc();
                NodeTracking.alloc(node, node.nodeListTracker, AllocSite.QUEUE, true, "node_list");
                delayedRoot.nodes++;
                node.setFlag(DelayedNode.IN_LIST);
            }
        } finally {
            delayedRoot.lock.unlock();
        }
    }

    /** {@code btrfs_dequeue_delayed_node}; the caller holds the node's mutex and a reference. */
    void dequeueDelayedNode(DelayedNode node) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        delayedRoot.lock.lock();
        try {
            if (node.testFlag(DelayedNode.IN_LIST)) {
                delayedRoot.nodes--;
                NodeTracking.free(node, node.nodeListTracker);
                node.refs.dec();
                delayedRoot.nodeList.remove(node.nList);
                if (node.pList.isLinked()) {
                    delayedRoot.prepareList.remove(node.pList);
                }
                node.clearFlag(DelayedNode.IN_LIST);
            }
        } finally {
            delayedRoot.lock.unlock();
        }
    }

    /**
     * {@code btrfs_release_delayed_node}: requeues (refreshing its place on the prepare list) or
     * dequeues the node, frees the tracker and drops the reference; the last reference erases
     * the node from the index, exits its tracker directory and frees it.
     *
     * @param node    a node from a get method, or {@code null} (then nothing happens)
     * @param tracker the slot filled by that get method
     */
    public void releaseDelayedNode(DelayedNode node, BtrfsRefTracker tracker) {
        release(node, false, tracker);
    }

    /**
     * {@code btrfs_release_prepared_delayed_node}: as {@link #releaseDelayedNode}, but a node with
     * items goes back to the tail of the prepare list (the async worker's release).
     *
     * @param node    a node from {@link #firstPreparedDelayedNode}, or {@code null}
     * @param tracker its slot
     */
    public void releasePreparedDelayedNode(DelayedNode node, BtrfsRefTracker tracker) {
        release(node, true, tracker);
    }

    private void release(DelayedNode node, boolean mod, BtrfsRefTracker tracker) {
        if (node == null) {
            return;
        }
        node.kasan("__btrfs_release_delayed_node");
        node.mutex.lock();
        try {
            if (node.count > 0) {
                queueDelayedNode(node, mod);
            } else {
                dequeueDelayedNode(node);
            }
        } finally {
            node.mutex.unlock();
        }
        NodeTracking.free(node, tracker);
        if (node.refs.decAndTest()) {
            freeNode(node);
        }
    }

    /** The last reference is gone: erase from the index, exit the tracker dir, free. */
    private void freeNode(DelayedNode node) {
        node.root.xaErase(node.inodeId);
        if (node.refs.read() != 0) {
            throw new AssertionError("BUG: freeing " + node + " with refs != 0");
        }
        NodeTracking.dirExit(node);
        node.markFreed();
    }

    /**
     * Drops a reference without requeueing or dequeueing: tracker free plus a raw refcount
     * decrement, as the readdir, tree-log and assert helpers do. The caller must not hold the
     * last reference.
     */
    void rawDrop(DelayedNode node, BtrfsRefTracker tracker) {
        NodeTracking.free(node, tracker);
        node.refs.dec();
    }

    /**
     * {@code btrfs_first_delayed_node}: the head of the node list with a new reference.
     *
     * @param tracker the caller's slot, filled on success
     * @return the node, or {@code null} if no node has pending items
     */
    public DelayedNode firstDelayedNode(BtrfsRefTracker tracker) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        delayedRoot.lock.lock();
        try {
            DelayedNode node = delayedRoot.nodeList.first();
            if (node != null) {
                node.refs.inc();
                NodeTracking.alloc(node, tracker, AllocSite.FIRST);
            }
            return node;
        } finally {
            delayedRoot.lock.unlock();
        }
    }

    /**
     * {@code btrfs_next_delayed_node}: the node after {@code node} on the node list (or the head,
     * if {@code node} left the list meanwhile) with a new reference. The caller still holds its
     * reference on {@code node}.
     *
     * @param node    the current node
     * @param tracker the slot for the next node's reference
     * @return the next node, or {@code null} at the end
     */
    public DelayedNode nextDelayedNode(DelayedNode node, BtrfsRefTracker tracker) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        delayedRoot.lock.lock();
        try {
            DelayedNode next = node.testFlag(DelayedNode.IN_LIST) ? delayedRoot.nodeList.next(node.nList)
                    : delayedRoot.nodeList.first();
            if (next != null) {
                next.refs.inc();
                NodeTracking.alloc(next, tracker, AllocSite.NEXT);
            }
            return next;
        } finally {
            delayedRoot.lock.unlock();
        }
    }

    /**
     * {@code btrfs_first_prepared_delayed_node}: takes the head of the prepare list off it (it
     * stays on the node list) and returns it with a new reference.
     *
     * @param tracker the caller's slot, filled on success
     * @return the node, or {@code null} if none is prepared
     */
    public DelayedNode firstPreparedDelayedNode(BtrfsRefTracker tracker) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        delayedRoot.lock.lock();
        try {
            DelayedNode node = delayedRoot.prepareList.first();
            if (node != null) {
                delayedRoot.prepareList.remove(node.pList);
                node.refs.inc();
                NodeTracking.alloc(node, tracker, AllocSite.FIRST_PREPARED);
            }
            return node;
        } finally {
            delayedRoot.lock.unlock();
        }
    }

    /**
     * {@code btrfs_remove_delayed_node} (inode eviction): clears the inode's cached node and
     * returns the inode-cache reference through the embedded {@code inodeCacheTracker}.
     *
     * @param inode the inode being evicted
     */
    public void removeDelayedNode(BtrfsInode inode) {
        DelayedNode node = inode.delayedNode;
        if (node == null) {
            return;
        }
        inode.delayedNode = null;
        if (fs.inject(InjectionSite.EVICT_INODE_CACHE_RELEASE)) {
            return;
        }
        releaseDelayedNode(node, node.inodeCacheTracker);
    }
}
