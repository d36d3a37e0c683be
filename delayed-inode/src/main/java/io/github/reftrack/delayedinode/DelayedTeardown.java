package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import io.github.reftrack.TeardownWatchdog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Teardown (spec §8): inode eviction, transaction-abort cleanup, and
 * {@code btrfs_kill_all_delayed_nodes} for a dead subvolume. Kill-all follows the kernel's
 * algorithm (batches of 8 pinned with {@code inc_not_zero}, an index that only moves forward,
 * the report printed before the release when {@code refs != 1}); unlike the kernel it does not
 * spin forever on a leaked reference: a pass that pins nothing while nodes remain starts a
 * {@link TeardownWatchdog} that names the stuck nodes' holders and, at the deadline, ends
 * kill-all with a {@link KillAllStuckException}.
 *
 * <p>Thread-safe. Kill-all runs on one thread per subvolume (the cleaner).
 */
public final class DelayedTeardown {
    /** Nodes pinned per kill-all pass. */
    static final int KILL_BATCH = 8;

    private final BtrfsFs fs;
    private final DelayedNodes nodes;
    /** Test hook: runs for each pinned node after its items are killed, before print and release. */
    volatile Consumer<DelayedNode> afterKill = node -> { };
    /** Test hook: receives the size of every batch kill-all pins. */
    volatile Consumer<Integer> pinnedBatch = size -> { };

    DelayedTeardown(BtrfsFs fs, DelayedNodes nodes) {
        this.fs = fs;
        this.nodes = nodes;
    }

    /**
     * Evicts an inode: for an inode being deleted, first kills its delayed items
     * ({@code btrfs_kill_delayed_inode_items}); then {@code btrfs_remove_delayed_node}.
     *
     * @param inode    the inode leaving memory
     * @param deleting whether the inode is being deleted (its pending items are dropped)
     */
    public void evictInode(BtrfsInode inode, boolean deleting) {
        if (deleting) {
            killDelayedInodeItems(inode);
        }
        nodes.removeDelayedNode(inode);
    }

    /**
     * {@code btrfs_kill_delayed_inode_items}: drops an inode's pending items without writing.
     *
     * @param inode the inode
     */
    public void killDelayedInodeItems(BtrfsInode inode) {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.getDelayedNode(inode, tracker);
        if (node != null) {
            killDelayedNode(node);
            nodes.releaseDelayedNode(node, tracker);
        }
    }

    /** {@code __btrfs_kill_delayed_node}: afterwards {@code count == 0}; nothing is written. */
    void killDelayedNode(DelayedNode node) {
        node.kasan("__btrfs_kill_delayed_node");
        DelayedRoot delayedRoot = fs.delayedRoot;
        node.mutex.lock();
        try {
            for (int i = node.insRoot.size(); i > 0; i--) {
                node.count--;
                delayedRoot.finishOneItem();
            }
            node.insRoot.clear();
            node.indexItemLeaves = 0;
            node.currIndexBatchSize = 0;
            for (int i = node.delRoot.size(); i > 0; i--) {
                node.count--;
                delayedRoot.finishOneItem();
            }
            node.delRoot.clear();
            if (node.testFlag(DelayedNode.DEL_IREF)) {
                node.clearFlag(DelayedNode.DEL_IREF);
                node.count--;
                delayedRoot.finishOneItem();
            }
            if (node.testFlag(DelayedNode.INODE_DIRTY)) {
                node.bytesReserved = 0;
                node.clearFlag(DelayedNode.INODE_DIRTY);
                node.count--;
                delayedRoot.finishOneItem();
            }
        } finally {
            node.mutex.unlock();
        }
    }

    /**
     * {@code btrfs_destroy_delayed_inodes} (transaction abort): kills the items of every listed
     * node, walking with first/next.
     */
    public void destroyDelayedInodes() {
        BtrfsRefTracker currTracker = new BtrfsRefTracker();
        DelayedNode curr = nodes.firstDelayedNode(currTracker);
        while (curr != null) {
            killDelayedNode(curr);
            DelayedNode prev = curr;
            BtrfsRefTracker prevTracker = currTracker.copy();
            currTracker = new BtrfsRefTracker();
            curr = nodes.nextDelayedNode(curr, currTracker);
            nodes.releaseDelayedNode(prev, prevTracker);
        }
    }

    /**
     * {@code btrfs_assert_delayed_root_empty}: warns if a node is still listed.
     *
     * @return {@code true} if no node has pending items
     */
    public boolean assertDelayedRootEmpty() {
        BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node = nodes.firstDelayedNode(tracker);
        if (node == null) {
            return true;
        }
        fs.kernelLog.warn("WARNING: delayed root not empty: " + node);
        nodes.rawDrop(node, tracker);
        return false;
    }

    /**
     * {@code btrfs_kill_all_delayed_nodes}: kills and frees every delayed node of a dead
     * subvolume, giving up at the mount's kill-all deadline if some cannot be freed.
     *
     * @param root the dead subvolume (its inodes evicted)
     * @throws KillAllStuckException if nodes remain at the deadline; it names them
     */
    public void killAllDelayedNodes(SubvolRoot root) {
        Outcome outcome = killAll(root, Long.MAX_VALUE, true);
        KillAllResult result = outcome.result();
        if (!result.completed()) {
            throw new KillAllStuckException(describe(root, outcome), result);
        }
    }

    /**
     * The bounded variant: at most {@code maxPasses} passes, never throws, never parks.
     *
     * @param root      the dead subvolume
     * @param maxPasses how many passes to run at most
     * @return how it ended; {@link KillAllResult#livelocked()} when nodes remained
     */
    public KillAllResult killAllDelayedNodes(SubvolRoot root, long maxPasses) {
        return killAll(root, maxPasses, false).result();
    }

    /** How kill-all ended, and the stuck nodes its result names: the stuck set is read once. */
    private record Outcome(KillAllResult result, List<DelayedNode> stuck) {
    }

    private Outcome killAll(SubvolRoot root, long maxPasses, boolean watch) {
        long index = 0;
        long passes = 0;
        long livelockPasses = 0;
        TeardownWatchdog watchdog = null;
        List<DelayedNode> pinned = new ArrayList<>(KILL_BATCH);
        List<BtrfsRefTracker> trackers = new ArrayList<>(KILL_BATCH);
        while (passes < maxPasses) {
            passes++;
            pinned.clear();
            trackers.clear();
            root.xaLock.lock();
            try {
                if (root.delayedNodes.isEmpty()) {
                    return new Outcome(new KillAllResult(true, passes, livelockPasses, List.of(), List.of()),
                            List.of());
                }
                for (Map.Entry<Long, DelayedNode> e : root.delayedNodes.tailMap(index, true).entrySet()) {
                    index = e.getKey();
                    DelayedNode node = e.getValue();
                    if (node.refs.incNotZero()) {
                        BtrfsRefTracker tracker = new BtrfsRefTracker();
                        NodeTracking.alloc(node, tracker, AllocSite.KILL_ALL_PIN);
                        pinned.add(node);
                        trackers.add(tracker);
                    }
                    if (pinned.size() >= KILL_BATCH) {
                        break;
                    }
                }
            } finally {
                root.xaLock.unlock();
            }
            index++;
            if (pinned.isEmpty()) {
                livelockPasses++;
                if (watch) {
                    if (watchdog == null) {
                        watchdog = watchdog(root);
                    }
                    if (!watchdog.check()) {
                        break;
                    }
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(Math.min(1000, livelockPasses)));
                }
                continue;
            }
            pinnedBatch.accept(pinned.size());
            for (int i = 0; i < pinned.size(); i++) {
                killPinned(pinned.get(i), trackers.get(i));
            }
        }
        return stuck(root, passes, livelockPasses);
    }

    /** Kill the items, print if others still hold it (before the release: the Oct 2025 fix), release. */
    private void killPinned(DelayedNode node, BtrfsRefTracker tracker) {
        killDelayedNode(node);
        afterKill.accept(node);
        boolean printAfter = fs.printAfterRelease;
        if (!printAfter) {
            NodeTracking.dirPrint(node);
        }
        if (!fs.inject(InjectionSite.KILL_ALL_PIN)) {
            nodes.releaseDelayedNode(node, tracker);
        }
        if (printAfter) {
            NodeTracking.dirPrint(node);
        }
    }

    private TeardownWatchdog watchdog(SubvolRoot root) {
        Duration deadline = fs.options.killAllDeadline();
        return TeardownWatchdog.forCount("killAllDelayedNodes of " + root, () -> heldReferences(root),
                        () -> reports(root.delayedNodes()))
                .reportAfter(fs.options.killAllReportAfter())
                .giveUpAfter(deadline);
    }

    /** References still held on the nodes kill-all cannot free (a saturated count counts as one). */
    private static long heldReferences(SubvolRoot root) {
        return root.delayedNodes().stream().mapToLong(n -> n.refs() < 0 ? 1 : n.refs()).sum();
    }

    private static List<LeakReport> reports(List<DelayedNode> stuck) {
        List<LeakReport> reports = new ArrayList<>();
        for (DelayedNode node : stuck) {
            LeakReport report = node.refDir.report(NodeTracking.DISPLAY_LIMIT);
            if (!report.isEmpty()) {
                reports.add(report);
            }
        }
        return reports;
    }

    private static Outcome stuck(SubvolRoot root, long passes, long livelockPasses) {
        List<DelayedNode> stuck = root.delayedNodes();
        List<Long> inos = stuck.stream().map(DelayedNode::inodeId).toList();
        return new Outcome(new KillAllResult(stuck.isEmpty(), passes, livelockPasses, inos, reports(stuck)), stuck);
    }

    private static String describe(SubvolRoot root, Outcome outcome) {
        KillAllResult result = outcome.result();
        List<DelayedNode> stuck = outcome.stuck();
        StringBuilder out = new StringBuilder(256).append("killAllDelayedNodes(").append(root)
                .append(") gave up after ").append(result.passes()).append(" passes (")
                .append(result.livelockPasses()).append(" pinned nothing): ").append(stuck.size())
                .append(" delayed node(s) still referenced and never freed: ")
                .append(stuck.stream().map(n -> "inode " + n.inodeId + " (refs " + n.refs() + ")")
                        .collect(Collectors.joining(", ")));
        if (result.stuckReports().isEmpty()) {
            out.append("; mount with the refTracker option and tracking on to see who holds them");
        } else {
            out.append("; held by:\n");
            result.stuckReports().forEach(out::append);
        }
        return out.toString();
    }
}
