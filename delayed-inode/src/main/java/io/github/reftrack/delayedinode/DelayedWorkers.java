package io.github.reftrack.delayedinode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The throttle ({@code btrfs_balance_delayed_items}, spec §7.4) and the async worker
 * ({@code btrfs_async_run_delayed_root}, §7.5) on an {@link ExecutorService}. With 0 worker
 * threads, queued runs wait for {@link #runQueuedWork()} so tests decide when they run.
 *
 * <p>Thread-safe. {@code pending} counts runs queued but not started (the congestion signal);
 * the manual queue is guarded by {@code this}.
 */
public final class DelayedWorkers {
    /** Queued-but-not-started runs at which the workqueue counts as congested. */
    static final int CONGESTED = 16;

    private final BtrfsFs fs;
    private final ExecutorService pool;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong runsQueued = new AtomicLong();
    private final AtomicLong nodesProcessed = new AtomicLong();
    // Guarded by this.
    private final Deque<Integer> manual = new ArrayDeque<>();
    private final List<Integer> queuedNrs = new ArrayList<>();
    /** Test hook: runs after each node the worker flushed, before its release. */
    volatile Consumer<DelayedNode> afterFlush = node -> { };

    DelayedWorkers(BtrfsFs fs, int threads) {
        this.fs = fs;
        if (threads == 0) {
            this.pool = null;
        } else {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "btrfs-delayed-meta-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
            this.pool = Executors.newFixedThreadPool(threads, factory);
        }
    }

    /**
     * {@code btrfs_balance_delayed_items}: below {@value DelayedRoot#BACKGROUND} pending items
     * (or with the workqueue congested) does nothing; from there queues a small run of
     * {@value DelayedRoot#BATCH} nodes; at {@value DelayedRoot#WRITEBACK} and above queues an
     * unbounded run and waits until {@value DelayedRoot#BATCH} items complete or fewer than
     * {@value DelayedRoot#BACKGROUND} remain, or one second has passed (the kernel has no such
     * limit). An interrupt ends the wait (the flag is kept).
     */
    public void balanceDelayedItems() {
        DelayedRoot delayedRoot = fs.delayedRoot;
        int items = delayedRoot.items.get();
        if (items < DelayedRoot.BACKGROUND || pending.get() >= CONGESTED) {
            return;
        }
        if (items >= DelayedRoot.WRITEBACK) {
            int seq = delayedRoot.itemsSeq.get();
            queue(0);
            try {
                delayedRoot.awaitProgress(seq);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        queue(DelayedRoot.BATCH);
    }

    /**
     * Queues one async run ({@code btrfs_wq_run_delayed_node}).
     *
     * @param nr nodes to process; 0 means up to {@value DelayedRoot#WRITEBACK}
     */
    public void queue(int nr) {
        runsQueued.incrementAndGet();
        pending.incrementAndGet();
        synchronized (this) {
            if (queuedNrs.size() < 1024) {
                queuedNrs.add(nr);
            }
            if (pool == null) {
                manual.add(nr);
                return;
            }
        }
        try {
            pool.execute(() -> {
                pending.decrementAndGet();
                asyncRunDelayedRoot(nr);
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet();
        }
    }

    /**
     * Runs the queued runs on the calling thread (only with 0 worker threads).
     *
     * @return how many runs were executed
     */
    public int runQueuedWork() {
        int ran = 0;
        for (;;) {
            Integer nr;
            synchronized (this) {
                nr = manual.poll();
            }
            if (nr == null) {
                return ran;
            }
            pending.decrementAndGet();
            asyncRunDelayedRoot(nr);
            ran++;
        }
    }

    /**
     * {@code btrfs_async_run_delayed_root}: flushes prepared nodes until fewer than
     * {@code BACKGROUND / 2} items remain, no node is prepared, or the run's budget is spent;
     * always wakes the throttled tasks at the end.
     *
     * @param nr nodes to process; 0 means up to {@value DelayedRoot#WRITEBACK}
     * @return how many nodes were processed
     */
    public int asyncRunDelayedRoot(int nr) {
        DelayedRoot delayedRoot = fs.delayedRoot;
        int done = 0;
        try {
            do {
                if (delayedRoot.items.get() < DelayedRoot.BACKGROUND / 2) {
                    break;
                }
                BtrfsRefTracker tracker = new BtrfsRefTracker();
                DelayedNode node = fs.nodes().firstPreparedDelayedNode(tracker);
                if (node == null) {
                    break;
                }
                Transaction trans = fs.joinTransaction();
                if (trans == null) {
                    fs.nodes().releasePreparedDelayedNode(node, tracker);
                    done++;
                    continue;
                }
                fs.runner().commitNode(trans, node);
                afterFlush.accept(node);
                if (!fs.inject(InjectionSite.ASYNC_WORKER_RELEASE)) {
                    fs.nodes().releasePreparedDelayedNode(node, tracker);
                }
                done++;
            } while ((nr == 0 && done < DelayedRoot.WRITEBACK) || done < nr);
        } finally {
            nodesProcessed.addAndGet(done);
            delayedRoot.wakeUp();
        }
        return done;
    }

    /**
     * Returns the node budgets of the runs queued so far (the first 1024), in order.
     *
     * @return a copy, e.g. {@code [16, 16, 0]}
     */
    public synchronized List<Integer> queuedRuns() {
        return List.copyOf(queuedNrs);
    }

    /**
     * Returns how many nodes the async worker processed.
     *
     * @return the total over all runs
     */
    public long nodesProcessed() {
        return nodesProcessed.get();
    }

    void shutdown() {
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
