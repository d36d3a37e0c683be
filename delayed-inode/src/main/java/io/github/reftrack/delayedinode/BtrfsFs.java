package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One mounted filesystem ({@code struct btrfs_fs_info}) as far as delayed inodes go: the delayed
 * root, the subvolumes, the metadata tree, the running transaction, and the delayed-inode
 * operations grouped as in {@code delayed-inode.c}:
 * {@link #nodes()} (life cycle), {@link #items()} (queuing items), {@link #runner()} (flushing),
 * {@link #workers()} (throttle and async worker), {@link #teardown()} (eviction, abort, kill-all).
 *
 * <pre>{@code
 * try (BtrfsFs fs = BtrfsFs.mount(MountOptions.builder().tracking(RefTracking.Mode.FULL).build())) {
 *     SubvolRoot root = fs.createSubvolume(257);
 *     BtrfsInode dir = fs.createInode(root, 256, true);
 *     fs.items().insertDelayedDirIndex(fs.joinTransaction(), "a", dir, 258, 2);
 *     fs.commitTransaction();
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops the worker pool.
 */
public final class BtrfsFs implements AutoCloseable {
    /** How {@code get_or_create} orders refs, trackers and publication (test switch, spec §5.3/§10.4). */
    enum CreateOrdering {
        /** After the Dec 2025 fix: refs = 2 and both trackers before the xarray is touched. */
        FIXED,
        /** The seed commit: refs = 2 and ATOMIC tracker allocs inside the xarray lock, then publish. */
        SEED,
        /** Deliberately wrong: publish {@code inode.delayedNode} before refs = 2 (reproduces §10.4). */
        PUBLISH_BEFORE_REFS
    }

    final MountOptions options;
    final boolean refTracker;
    final RefTracking.Mode trackingMode;
    final RefcountWarnings refcountWarnings = new RefcountWarnings();
    final KernelLog kernelLog = new KernelLog();
    final AtomicLong useAfterFree = new AtomicLong();
    final AtomicInteger nodesCreated = new AtomicInteger();
    final AtomicLong killAllPrints = new AtomicLong();
    final DelayedRoot delayedRoot = new DelayedRoot();
    final MetadataTree tree = new MetadataTree();
    private final Map<Long, SubvolRoot> subvolumes = new ConcurrentHashMap<>();
    private final AtomicBoolean injectionFired = new AtomicBoolean();

    private final DelayedNodes nodes = new DelayedNodes(this);
    private final DelayedItems items = new DelayedItems(this, nodes);
    private final DelayedReaders readers = new DelayedReaders(this, nodes);
    private final DelayedRunner runner = new DelayedRunner(this, nodes);
    private final DelayedWorkers workers;
    private final DelayedTeardown teardown = new DelayedTeardown(this, nodes);

    // Test switches and fault injection (volatile: set by a test thread, read by any).
    volatile CreateOrdering createOrdering = CreateOrdering.FIXED;
    volatile boolean printAfterRelease;
    volatile boolean logReplay;
    volatile Predicate<AllocSite> atomicAllocFailure = site -> false;
    final AtomicInteger transactionJoinFailures = new AtomicInteger();

    // Guarded by this.
    private Transaction running = new Transaction(1);

    private BtrfsFs(MountOptions options) {
        this.options = options;
        this.trackingMode = options.tracking();
        this.refTracker = options.refTracker() && trackingMode != RefTracking.Mode.OFF;
        this.workers = new DelayedWorkers(this, options.workerThreads());
    }

    /**
     * Mounts a filesystem.
     *
     * @param options the mount options
     * @return the filesystem; close it to stop its workers
     * @throws NullPointerException if {@code options} is null
     */
    public static BtrfsFs mount(MountOptions options) {
        return new BtrfsFs(Objects.requireNonNull(options, "options"));
    }

    /**
     * Creates a subvolume (or returns the existing one with that id).
     *
     * @param rootId the subvolume id, e.g. 257
     * @return the root
     */
    public SubvolRoot createSubvolume(long rootId) {
        return subvolumes.computeIfAbsent(rootId, id -> new SubvolRoot(this, id));
    }

    /**
     * Creates an inode: writes its inode item (and an inode ref) into the tree directly, as the
     * non-delayed creation path does, and returns the in-memory inode.
     *
     * @param root      its subvolume
     * @param ino       its number
     * @param directory whether it is a directory
     * @return the in-memory inode, with no delayed node yet
     */
    public BtrfsInode createInode(SubvolRoot root, long ino, boolean directory) {
        BtrfsInode inode = new BtrfsInode(root, ino, directory);
        tree.put(new MetadataTree.Key(ino, MetadataTree.INODE_ITEM, 0), inode.toItem(0));
        tree.put(new MetadataTree.Key(ino, MetadataTree.INODE_REF, 256), "ref");
        return inode;
    }

    /**
     * Reads an inode again after eviction, as {@code btrfs_read_locked_inode} does: a new
     * in-memory inode for the same number, filled from a pending delayed update if there is one
     * ({@code btrfs_fill_inode}, which caches the node through the slow path), else from the
     * inode item in the tree.
     *
     * @param root      its subvolume
     * @param ino       its number
     * @param directory whether it is a directory
     * @return a new in-memory inode
     */
    public BtrfsInode readInode(SubvolRoot root, long ino, boolean directory) {
        BtrfsInode inode = new BtrfsInode(root, ino, directory);
        if (readers.fillInode(inode) != 0
                && tree.get(new MetadataTree.Key(ino, MetadataTree.INODE_ITEM, 0)) instanceof InodeItem item) {
            inode.size = item.size();
            inode.nlink = item.nlink();
            inode.generation = item.generation();
        }
        return inode;
    }

    /**
     * Returns the running transaction, or {@code null} when joining fails (fault injection).
     *
     * @return the transaction
     */
    public synchronized Transaction joinTransaction() {
        if (transactionJoinFailures.get() > 0 && transactionJoinFailures.getAndDecrement() > 0) {
            return null;
        }
        return running;
    }

    /**
     * Commits the running transaction: runs every delayed item ({@code btrfs_run_delayed_items}),
     * asserts the delayed root is empty, and starts the next transaction.
     *
     * @return 0, or the negative errno of the flush
     */
    public int commitTransaction() {
        Transaction trans;
        synchronized (this) {
            trans = running;
        }
        int ret = runner.runDelayedItems(trans, -1);
        synchronized (this) {
            if (running == trans) {
                running = new Transaction(trans.transid + 1);
            }
        }
        return ret;
    }

    /** Fires the armed injection site once: {@code true} means "skip this release". */
    boolean inject(InjectionSite site) {
        return options.inject() == site && injectionFired.compareAndSet(false, true);
    }

    /**
     * Returns whether the armed injection site has fired (its release was skipped).
     *
     * @return {@code false} if no site is armed or it has not run yet
     */
    public boolean injectionFired() {
        return injectionFired.get();
    }

    boolean atomicAllocFails(AllocSite site) {
        return atomicAllocFailure.test(site);
    }

    void printReport(DelayedNode node, LeakReport report) {
        killAllPrints.incrementAndGet();
        options.printSink().accept(report);
    }

    /**
     * Returns the life-cycle functions (get, create, release, walk).
     *
     * @return the life-cycle functions (get, create, release, walk)
     */
    public DelayedNodes nodes() {
        return nodes;
    }

    /**
     * Returns the functions that queue delayed items.
     *
     * @return the functions that queue delayed items
     */
    public DelayedItems items() {
        return items;
    }

    /**
     * Returns the readers of pending items (readdir, tree log, inode fill).
     *
     * @return the readers of pending items (readdir, tree log, inode fill)
     */
    public DelayedReaders readers() {
        return readers;
    }

    /**
     * Returns the functions that flush delayed items into the tree.
     *
     * @return the functions that flush delayed items into the tree
     */
    public DelayedRunner runner() {
        return runner;
    }

    /**
     * Returns the throttle and the async worker pool.
     *
     * @return the throttle and the async worker pool
     */
    public DelayedWorkers workers() {
        return workers;
    }

    /**
     * Returns eviction, abort cleanup and kill-all.
     *
     * @return eviction, abort cleanup and kill-all
     */
    public DelayedTeardown teardown() {
        return teardown;
    }

    /**
     * Returns the delayed root.
     *
     * @return the delayed root
     */
    public DelayedRoot delayedRoot() {
        return delayedRoot;
    }

    /**
     * Returns the metadata tree.
     *
     * @return the metadata tree
     */
    public MetadataTree tree() {
        return tree;
    }

    /**
     * Returns the {@code refcount_t} warnings raised so far.
     *
     * @return the {@code refcount_t} warnings raised so far
     */
    public RefcountWarnings refcountWarnings() {
        return refcountWarnings;
    }

    /**
     * Returns the messages the port printed (errors such as a duplicate dir index).
     *
     * @return the filesystem's log
     */
    public KernelLog kernelLog() {
        return kernelLog;
    }

    /**
     * Returns how many times a freed node was touched (each also threw).
     *
     * @return how many times a freed node was touched (each also threw)
     */
    public long useAfterFreeCount() {
        return useAfterFree.get();
    }

    /**
     * Returns delayed nodes created since mount.
     *
     * @return delayed nodes created since mount
     */
    public int nodesCreated() {
        return nodesCreated.get();
    }

    /**
     * Returns whether nodes track their references (mount option on and mode not off).
     *
     * @return whether nodes track their references (mount option on and mode not off)
     */
    public boolean refTrackerEnabled() {
        return refTracker;
    }

    /**
     * Returns the mount options.
     *
     * @return the mount options
     */
    public MountOptions options() {
        return options;
    }

    /** Stops the async workers (waiting briefly for a running job). */
    @Override
    public void close() {
        workers.shutdown();
    }
}
