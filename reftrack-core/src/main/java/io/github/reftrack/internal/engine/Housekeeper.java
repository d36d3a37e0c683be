package io.github.reftrack.internal.engine;

import io.github.reftrack.internal.Detached;
import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A runtime's one background thread, a daemon named {@code reftrack-housekeeper}, started when
 * the runtime registers its first tracking directory (never by a class initializer). It does the
 * slow work nobody should wait for: interning the stacks of trackers that lived past one
 * promotion period (so a long-lived reference stops holding a raw backtrace), reporting trackers
 * the garbage collector found lost, and closing the ledgers of directories that were
 * garbage-collected without {@code close()}.
 *
 * <p><b>Health.</b> A pass that fails with anything, an {@code OutOfMemoryError} or a listener's
 * {@code StackOverflowError} included, is counted ({@link #failures()}), logged the first time,
 * and the thread carries on with the next pass: one bad moment must not end reporting for the
 * life of the process.
 */
public final class Housekeeper implements Runnable {
    /** Where the GC puts lost trackers' watches and abandoned directories' registry entries. */
    final ReferenceQueue<Object> collected = new ReferenceQueue<>();

    private final Engine engine;
    private final ConcurrentLinkedQueue<Ledger> promotions = new ConcurrentLinkedQueue<>();
    private final long periodNanos;
    private final BooleanSupplier promotionAllowed;
    private final AtomicLong failures = new AtomicLong();
    /** Guarded by {@code this}. */
    private Thread thread;

    Housekeeper(Engine engine, long periodNanos, BooleanSupplier promotionAllowed) {
        this.engine = engine;
        this.periodNanos = periodNanos;
        this.promotionAllowed = promotionAllowed;
    }

    /** Starts the thread, once. */
    synchronized void start() {
        if (thread == null) {
            thread = Detached.thread("reftrack-housekeeper", this);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Returns whether the thread runs.
     *
     * @return {@code false} before the first tracking directory, or if the thread died
     */
    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive();
    }

    /**
     * Returns how many passes failed and were survived.
     *
     * @return 0 while healthy
     */
    public long failures() {
        return failures.get();
    }

    /** Asks for the directory's young trackers to be interned at the next pass. */
    void queuePromotion(Ledger dir) {
        promotions.add(dir);
    }

    @Override
    public void run() {
        long nextPromotion = System.nanoTime() + periodNanos;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPromotion - System.nanoTime()));
                for (Reference<?> ref = collected.remove(wait); ref != null; ref = collected.poll()) {
                    collected(ref);
                }
                if (System.nanoTime() - nextPromotion >= 0) {
                    promoteQueued();
                    nextPromotion = System.nanoTime() + periodNanos;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Throwable e) {
                survived(e);
            }
        }
    }

    /** Counts a failed pass and says so the first time; must not fail itself. */
    void survived(Throwable e) {
        if (failures.getAndIncrement() == 0) {
            try {
                Events.LOG.log(Level.ERROR, "reftrack housekeeping failed (" + e + "); it carries on, and further"
                        + " failures are only counted (HousekeeperFailures in JMX, stats())", e);
            } catch (Throwable again) {
                // no memory or stack to log with: the count still says it happened
            }
        }
    }

    /** Handles one collected reference; a failure is counted and the next one still handled. */
    void collected(Reference<?> ref) {
        try {
            if (ref instanceof LostWatch) {
                ((LostWatch) ref).report();
            } else {
                engine.directories().abandoned((Directories.Entry) ref);
            }
        } catch (Throwable e) {
            survived(e);
        }
    }

    /**
     * Promotes the directories queued before this pass; those queued during it wait a period.
     * The thread calls it once per period; a test may call it to promote now.
     */
    public void promoteQueued() {
        if (!promotionAllowed.getAsBoolean()) {
            return;
        }
        for (int n = promotions.size(); n > 0; n--) {
            Ledger dir = promotions.poll();
            if (dir == null) {
                return;
            }
            dir.promote();
        }
    }
}
