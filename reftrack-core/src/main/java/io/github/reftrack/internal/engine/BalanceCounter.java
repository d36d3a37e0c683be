package io.github.reftrack.internal.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counts references taken without a stack, with the kernel's {@code refcount_t} rules adapted to
 * start at zero: releasing more than was taken does not go negative but saturates, and a
 * saturated counter stays saturated (so the imbalance is still visible at close).
 *
 * <p><b>Striped, so threads do not share a written cache line.</b> The counter keeps two
 * ever-growing totals, taken and released. The first thread to update it owns the base pair and
 * updates it with one atomic add, as a plain atomic counter would. Every other thread updates a
 * cell of its own stripe (chosen by its thread id; cells are created on first use, each a cache
 * line apart from anything else, as the base pair is), so a directory used by one thread has one
 * pair, and two threads on one directory never write the same line unless two non-owners' ids
 * fall on one stripe. The
 * totals are the sums over the base and the cells.
 *
 * <p><b>Underflow is found without a lock.</b> A release first adds to its own released total.
 * Only when that pair has now released more than it took (always so when the whole count
 * underflows on a directory one thread uses; on a stripe also when references taken on another
 * thread are released on this one) does it sum every pair: all the released totals first, then
 * all the taken ones. Each legal release follows its acquire and the totals only grow, so the
 * released sum read first can only exceed the taken sum read after it if releases really
 * outnumbered acquires: a concurrent update can hide an underflow from this check (the count is
 * then below zero, and the next suspicious release, or {@link #get()} at close, finds it), never
 * invent one.
 *
 * <p>Thread-safe. {@link #get()} while other threads update returns a count the counter had at
 * some instant during the call or more (as {@code LongAdder.sum()} can); with no update running,
 * as at close, it is exact.
 */
final class BalanceCounter {
    /** The kernel's {@code REFCOUNT_SATURATED}, 0xC0000000. */
    static final int SATURATED = 0xC0000000;

    /**
     * Stripes for the threads other than the owner: a power of two at least twice the number of
     * processors (so the consecutive ids of a pool's threads rarely share one), at least 4, at
     * most 64.
     */
    private static final int STRIPES = stripes(Runtime.getRuntime().availableProcessors());
    /** Longs per cell: the pair sits in the middle, 56 bytes or more from either end. */
    private static final int CELL = 16;
    private static final int TAKEN = 7;
    private static final int RELEASED = 8;
    /** No thread has the id 0: the owner is not chosen yet. */
    private static final long NO_OWNER = 0;
    /** An id no thread has (ids are positive), for a counter whose threads all use stripes. */
    private static final long NOBODY = -1;

    /** Atomic access to the totals in a cell. */
    private static final VarHandle TOTAL = MethodHandles.arrayElementVarHandle(long[].class);
    /** Atomic access to the cells of the stripes. */
    private static final VarHandle STRIPE = MethodHandles.arrayElementVarHandle(long[][].class);
    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(BalanceCounter.class, "owner", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The id of the thread that updates {@code base}, or {@link #NO_OWNER}; set once. */
    private volatile long owner;
    /**
     * The owner's pair, in a cell of its own like the stripes': the fields every update reads
     * ({@code owner}, {@code cells}, {@code saturated}) must not share a line with a total some
     * thread keeps writing. Created by the thread that becomes the owner, so a counter nobody
     * uses (a full-mode directory's, usually) costs a small object and no cell.
     */
    private volatile long[] base;
    /** Created when a second thread first updates the counter; its cells when their stripe is first used. */
    private volatile long[][] cells;
    private volatile boolean saturated;

    /** A counter owned by the first thread that updates it, as directories use. */
    BalanceCounter() {
        this(NO_OWNER);
    }

    private BalanceCounter(long owner) {
        this.owner = owner;
    }

    /**
     * Returns a counter that no thread owns, so every update goes to a stripe (tests drive the
     * striped paths with it).
     *
     * @return the counter
     */
    static BalanceCounter striped() {
        return new BalanceCounter(NOBODY);
    }

    static int stripes(int processors) {
        int wanted = Math.max(4, Math.min(64, 2 * processors));
        return Integer.highestOneBit(wanted - 1) << 1;
    }

    /** Counts one more reference: one atomic add, on the base or the thread's stripe. */
    void increment() {
        long id = threadId();
        if (owns(id)) {
            TOTAL.getAndAdd(base, TAKEN, 1L);
        } else {
            TOTAL.getAndAdd(cell(id), TAKEN, 1L);
        }
    }

    /**
     * Releases one reference.
     *
     * @return {@code false} if there was none to release (the counter is now saturated)
     */
    boolean decrement() {
        long id = threadId();
        boolean suspicious;
        if (owns(id)) {
            suspicious = releaseIn(base);
        } else {
            suspicious = releaseIn(cell(id));
        }
        if (suspicious && !saturated && releasedTotal() > takenTotal()) {
            saturated = true;
        }
        return !saturated;
    }

    /** Adds one release to a pair; returns whether the pair has now released more than it took. */
    private static boolean releaseIn(long[] pair) {
        return (long) TOTAL.getAndAdd(pair, RELEASED, 1L) + 1 > (long) TOTAL.getVolatile(pair, TAKEN);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() returns the same value
    private static long threadId() {
        return Thread.currentThread().getId();
    }

    /**
     * Whether thread {@code id} updates the base; the first thread to ask becomes its owner and
     * publishes the base before its first update.
     */
    private boolean owns(long id) {
        long current = owner;
        if (current == id) {
            return true;
        }
        if (current != NO_OWNER) {
            return false;
        }
        long[] pair = new long[CELL]; // before the claim: running out of heap here changes nothing
        if (OWNER.compareAndSet(this, NO_OWNER, id)) {
            base = pair;
            return true;
        }
        return false;
    }

    private long[] cell(long id) {
        long[][] all = cells;
        if (all == null) {
            synchronized (this) {
                all = cells;
                if (all == null) {
                    all = new long[STRIPES][];
                    cells = all;
                }
            }
        }
        int stripe = (int) (id & (STRIPES - 1));
        long[] cell = (long[]) STRIPE.getAcquire(all, stripe);
        if (cell == null) {
            STRIPE.compareAndSet(all, stripe, null, new long[CELL]);
            cell = (long[]) STRIPE.getAcquire(all, stripe);
        }
        return cell;
    }

    /** Sums the released totals; read before {@link #takenTotal()}, never after. */
    private long releasedTotal() {
        return baseTotal(RELEASED) + sumCells(RELEASED);
    }

    private long takenTotal() {
        return baseTotal(TAKEN) + sumCells(TAKEN);
    }

    /** The base's total, 0 while no owner has created it (an owner chosen but not done yet has added nothing). */
    private long baseTotal(int index) {
        long[] pair = base;
        return pair == null ? 0 : (long) TOTAL.getVolatile(pair, index);
    }

    private long sumCells(int index) {
        long[][] all = cells;
        long sum = 0;
        if (all != null) {
            for (int i = 0; i < all.length; i++) {
                long[] cell = (long[]) STRIPE.getAcquire(all, i);
                if (cell != null) {
                    sum += (long) TOTAL.getVolatile(cell, index);
                }
            }
        }
        return sum;
    }

    /**
     * Returns the count: references taken and not released, or {@link #SATURATED} once more were
     * released than taken.
     */
    int get() {
        if (saturated) {
            return SATURATED;
        }
        long released = releasedTotal();
        long count = takenTotal() - released;
        if (count < 0) {
            saturated = true;
            return SATURATED;
        }
        return (int) Math.min(Integer.MAX_VALUE, count);
    }

    /** Returns the outstanding count, 0 when saturated (the imbalance is reported separately). */
    int outstanding() {
        return Math.max(0, get());
    }

    /** Whether any thread other than the owner has updated the counter (for tests). */
    boolean isStriped() {
        return cells != null;
    }
}
