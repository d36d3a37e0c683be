package io.github.reftrack.delayedinode;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One filesystem's {@code struct btrfs_delayed_root}: the FIFO of every node with pending items
 * ({@code nodeList}, membership holds the list reference), the FIFO of nodes waiting for the
 * async worker ({@code prepareList}, no extra reference), the global pending-item count, the
 * completion sequence and the wait queue of throttled tasks.
 *
 * <p>Concurrency: {@code lock} guards both lists, {@code nodes} and every node's {@code IN_LIST}
 * transitions. {@code items}/{@code itemsSeq} are atomics read without the lock. The wait queue
 * is a condition of its own lock ({@code waitLock}), never held together with {@code lock}.
 */
public final class DelayedRoot {
    /** {@code BTRFS_DELAYED_BACKGROUND}: throttling starts; the worker stops below half of it. */
    public static final int BACKGROUND = 128;
    /** {@code BTRFS_DELAYED_WRITEBACK}: callers wait; cap of an unbounded worker run. */
    public static final int WRITEBACK = 512;
    /** {@code BTRFS_DELAYED_BATCH}: nodes of a small worker run; wake every this many items. */
    public static final int BATCH = 16;

    /** Longest a throttled task waits in {@link #awaitProgress}. */
    static final long MAX_THROTTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

    final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    final NodeFifo nodeList = new NodeFifo();
    final NodeFifo prepareList = new NodeFifo();
    int nodes;

    final AtomicInteger items = new AtomicInteger();
    final AtomicInteger itemsSeq = new AtomicInteger();
    final AtomicLong wakeups = new AtomicLong();

    private final ReentrantLock waitLock = new ReentrantLock();
    private final Condition wait = waitLock.newCondition();

    DelayedRoot() {
    }

    /**
     * Returns the number of pending delayed items in the filesystem.
     *
     * @return the global count; read without locking
     */
    public int items() {
        return items.get();
    }

    /**
     * Returns how many delayed items have completed (flushed, cancelled or killed) so far.
     *
     * @return the completion sequence; read without locking
     */
    public int itemsSeq() {
        return itemsSeq.get();
    }

    /**
     * Returns the number of nodes on the node list.
     *
     * @return {@code nodes}, read under the delayed root's lock
     */
    public int nodes() {
        lock.lock();
        try {
            return nodes;
        } finally {
            lock.unlock();
        }
    }

    /** Snapshot of {@code nodeList}, in order. */
    List<DelayedNode> nodeListSnapshot() {
        lock.lock();
        try {
            return nodeList.toList();
        } finally {
            lock.unlock();
        }
    }

    /** Snapshot of {@code prepareList}, in order. */
    List<DelayedNode> prepareListSnapshot() {
        lock.lock();
        try {
            return prepareList.toList();
        } finally {
            lock.unlock();
        }
    }

    /** {@code finish_one_item}: one item left a node. */
    void finishOneItem() {
        int seq = itemsSeq.incrementAndGet();
        int left = items.decrementAndGet();
        if (left < BACKGROUND || seq % BATCH == 0) {
            wakeUp();
        }
    }

    /** Wakes every task waiting in {@link #awaitProgress}. */
    void wakeUp() {
        wakeups.incrementAndGet();
        waitLock.lock();
        try {
            wait.signalAll();
        } finally {
            waitLock.unlock();
        }
    }

    /** {@code could_end_wait}: {@code BATCH} completions since {@code seq}, a wrap, or few items left. */
    boolean couldEndWait(int seq) {
        int val = itemsSeq.get();
        return val - seq < 0 || val - seq >= BATCH || items.get() < BACKGROUND;
    }

    /**
     * Waits, interruptibly, until {@link #couldEndWait}, for at most {@link #MAX_THROTTLE_NANOS}.
     * The kernel waits without a limit; the throttle is advisory, so a throttled task here gives
     * up after a second rather than hang if the workers stop. Also polls every 10 ms, so a lost
     * wake-up costs latency, never a hang.
     */
    void awaitProgress(int seq) throws InterruptedException {
        long deadline = System.nanoTime() + MAX_THROTTLE_NANOS;
        waitLock.lock();
        try {
            while (!couldEndWait(seq) && deadline - System.nanoTime() > 0) {
                wait.await(10, TimeUnit.MILLISECONDS);
            }
        } finally {
            waitLock.unlock();
        }
    }
}
