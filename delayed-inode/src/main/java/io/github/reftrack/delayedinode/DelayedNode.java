package io.github.reftrack.delayedinode;

import io.github.reftrack.RefTrackerDir;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code struct btrfs_delayed_node}: the pending metadata changes of one inode, and the
 * ref-counted object whose references reftrack tracks.
 *
 * <p>References (spec §4.1): one for the inode cache while {@code inode.delayedNode} points
 * here (tracked by {@code inodeCacheTracker}), one while on the node list ({@code IN_LIST},
 * tracked by {@code nodeListTracker}), one per temporary user (the caller's
 * {@link BtrfsRefTracker}). Freed exactly when a release drops {@code refs} to 0.
 *
 * <p>Concurrency: {@code mutex} guards the item trees, {@code count}, {@code indexCnt}, the
 * batch accounting, {@code inodeItem}, {@code bytesReserved} and the {@code INODE_DIRTY} /
 * {@code DEL_IREF} transitions; the delayed root's lock guards the list links and
 * {@code IN_LIST} transitions; {@code flags} is atomic so either may read all bits; {@code refs}
 * is a {@link RefcountT}. {@code refDir} is written once, before the node is published.
 */
public final class DelayedNode {
    static final int IN_LIST = 0;
    static final int INODE_DIRTY = 1;
    static final int DEL_IREF = 2;

    final long inodeId;
    final SubvolRoot root;
    final BtrfsFs fs;
    final NodeFifo.Link nList = new NodeFifo.Link(this);
    final NodeFifo.Link pList = new NodeFifo.Link(this);
    final ReentrantLock mutex = new ReentrantLock();
    final RefcountT refs;
    private final AtomicInteger flags = new AtomicInteger();

    // Guarded by mutex.
    final TreeMap<Long, DelayedItem> insRoot = new TreeMap<>();
    final TreeMap<Long, DelayedItem> delRoot = new TreeMap<>();
    InodeItem inodeItem;
    long bytesReserved;
    int count;
    long indexCnt;
    int currIndexBatchSize;
    int indexItemLeaves;

    // The three tracker fields, at the end as in the kernel struct.
    RefTrackerDir refDir;
    final BtrfsRefTracker nodeListTracker = new BtrfsRefTracker();
    final BtrfsRefTracker inodeCacheTracker = new BtrfsRefTracker();

    private volatile boolean freed;

    /** {@code btrfs_init_delayed_node}: refs 0, tracker dir initialised, everything else empty. */
    DelayedNode(SubvolRoot root, long inodeId) {
        this.root = root;
        this.fs = root.fs;
        this.inodeId = inodeId;
        this.refs = new RefcountT(fs.refcountWarnings);
        NodeTracking.dirInit(this);
    }

    boolean testFlag(int bit) {
        return (flags.get() & (1 << bit)) != 0;
    }

    void setFlag(int bit) {
        flags.getAndUpdate(f -> f | (1 << bit));
    }

    void clearFlag(int bit) {
        flags.getAndUpdate(f -> f & ~(1 << bit));
    }

    /** {@code test_and_set_bit}: returns the old value. */
    boolean testAndSetFlag(int bit) {
        return (flags.getAndUpdate(f -> f | (1 << bit)) & (1 << bit)) != 0;
    }

    /**
     * The freed-node guard (models KASAN): every life-cycle function calls it before touching
     * the node.
     *
     * @throws UseAfterFreeException if the node was freed
     */
    void kasan(String site) {
        if (freed) {
            fs.useAfterFree.incrementAndGet();
            throw new UseAfterFreeException(site, inodeId);
        }
    }

    /** {@code kmem_cache_free}: from now on every {@link #kasan} check fails. */
    void markFreed() {
        freed = true;
    }

    /**
     * Returns the inode number this node belongs to.
     *
     * @return {@code inode_id}
     */
    public long inodeId() {
        return inodeId;
    }

    /**
     * Returns the reference count; may be stale as soon as it is read.
     *
     * @return {@code refcount_read(&node->refs)}; negative when saturated
     */
    public int refs() {
        return refs.read();
    }

    /**
     * Returns the number of pending items on this node.
     *
     * @return {@code count}, read under the node's mutex
     */
    public int count() {
        mutex.lock();
        try {
            return count;
        } finally {
            mutex.unlock();
        }
    }

    /**
     * Returns whether the node is on the delayed root's node list (holding the list reference).
     *
     * @return the {@code IN_LIST} flag
     */
    public boolean inList() {
        return testFlag(IN_LIST);
    }

    /**
     * Returns whether the node has been freed (its last reference released).
     *
     * @return {@code true} once freed; a freed node must not be touched
     */
    public boolean isFreed() {
        return freed;
    }

    /**
     * The tracker dir's {@code untracked} count as the kernel keeps it: a refcount that starts at
     * 1, plus the references taken with an empty slot. Read from the directory's own count.
     */
    int untracked() {
        return 1 + refDir.stats().noTracker();
    }

    /**
     * Returns the directory tracking this node's references: the shared disabled directory when
     * the {@code refTracker} mount option (or tracking) is off.
     *
     * @return the node's {@code ref_dir}
     */
    public RefTrackerDir refDir() {
        return refDir;
    }

    @Override
    public String toString() {
        return "delayed_node[ino=" + inodeId + ", root=" + root.rootId + ", refs=" + refs + ", flags="
                + Integer.toBinaryString(flags.get()) + (freed ? ", freed" : "") + ']';
    }
}
