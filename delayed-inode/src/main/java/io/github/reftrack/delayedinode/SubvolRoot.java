package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A subvolume root: its {@code delayed_nodes} index of delayed nodes by inode number (the
 * kernel's xarray), with the xarray's reserve-then-store semantics.
 *
 * <p>Concurrency: {@code xaLock} ({@code xa_lock}) guards {@code delayedNodes} and
 * {@code reserved}. A reserved slot reads as empty ({@code xa_load} returns NULL) until a store
 * fills it.
 */
public final class SubvolRoot {
    final long rootId;
    final BtrfsFs fs;
    final ReentrantLock xaLock = new ReentrantLock();
    // Guarded by xaLock.
    final TreeMap<Long, DelayedNode> delayedNodes = new TreeMap<>();
    private final Set<Long> reserved = new HashSet<>();

    SubvolRoot(BtrfsFs fs, long rootId) {
        this.fs = fs;
        this.rootId = rootId;
    }

    /**
     * Returns the subvolume's root id.
     *
     * @return for example 257
     */
    public long rootId() {
        return rootId;
    }

    /** {@code xa_load}, caller holds {@code xaLock}. */
    DelayedNode xaLoad(long ino) {
        return delayedNodes.get(ino);
    }

    /** {@code xa_reserve}: never fails here (the port models no xarray node allocation failure). */
    void xaReserve(long ino) {
        xaLock.lock();
        try {
            if (!delayedNodes.containsKey(ino)) {
                reserved.add(ino);
            }
        } finally {
            xaLock.unlock();
        }
    }

    /** {@code __xa_store} into a reserved or empty slot, caller holds {@code xaLock}. */
    void xaStore(long ino, DelayedNode node) {
        reserved.remove(ino);
        delayedNodes.put(ino, node);
    }

    /** {@code xa_erase}, taking the lock. */
    void xaErase(long ino) {
        xaLock.lock();
        try {
            delayedNodes.remove(ino);
            reserved.remove(ino);
        } finally {
            xaLock.unlock();
        }
    }

    /**
     * Returns the delayed node indexed for {@code ino}, without taking a reference: for tests and
     * diagnostics only.
     *
     * @param ino an inode number
     * @return the node, or {@code null}
     */
    public DelayedNode peekDelayedNode(long ino) {
        xaLock.lock();
        try {
            return delayedNodes.get(ino);
        } finally {
            xaLock.unlock();
        }
    }

    /**
     * Returns the delayed nodes currently indexed, ascending by inode number.
     *
     * @return a snapshot taken under the xarray lock
     */
    public List<DelayedNode> delayedNodes() {
        xaLock.lock();
        try {
            return new ArrayList<>(delayedNodes.values());
        } finally {
            xaLock.unlock();
        }
    }

    /**
     * Returns how many delayed nodes are indexed.
     *
     * @return the xarray's entry count
     */
    public int delayedNodeCount() {
        xaLock.lock();
        try {
            return delayedNodes.size();
        } finally {
            xaLock.unlock();
        }
    }

    Map<Long, DelayedNode> snapshotMap() {
        xaLock.lock();
        try {
            return new TreeMap<>(delayedNodes);
        } finally {
            xaLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "root " + rootId;
    }
}
