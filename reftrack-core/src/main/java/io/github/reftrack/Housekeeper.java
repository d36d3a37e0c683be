package io.github.reftrack;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * reftrack's one background thread, a daemon started the first time a directory records a
 * stack. It does the slow work nobody should wait for: interning the stacks of trackers that
 * lived past one promotion period (so a long-lived reference stops holding a raw backtrace),
 * reporting trackers the garbage collector found lost, and closing the ledgers of directories
 * that were garbage-collected without {@code close()}.
 */
final class Housekeeper implements Runnable {
    /** Where the GC puts lost trackers' watches and abandoned directories' registry entries. */
    static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();

    private static final ConcurrentLinkedQueue<Ledger> PROMOTIONS = new ConcurrentLinkedQueue<>();
    private static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(Config.PROMOTION_PERIOD_MILLIS);
    /** Test hook: while set, queued promotions wait, so a test controls when stacks are interned. */
    private static volatile boolean promotionPaused;

    static {
        Thread thread = new Thread(new Housekeeper(), "reftrack-housekeeper");
        thread.setDaemon(true);
        thread.start();
    }

    private Housekeeper() {
    }

    /** Asks for the directory's young trackers to be interned at the next pass. */
    static void queuePromotion(Ledger dir) {
        PROMOTIONS.add(dir);
    }

    @Override
    public void run() {
        long nextPromotion = System.nanoTime() + PERIOD_NANOS;
        while (true) {
            try {
                long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextPromotion - System.nanoTime()));
                for (Reference<?> ref = COLLECTED.remove(wait); ref != null; ref = COLLECTED.poll()) {
                    collected(ref);
                }
                if (System.nanoTime() - nextPromotion >= 0) {
                    promoteQueued();
                    nextPromotion = System.nanoTime() + PERIOD_NANOS;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                Events.LOG.log(Level.WARNING, "reftrack housekeeping failed; it carries on", e);
            }
        }
    }

    private static void collected(Reference<?> ref) {
        if (ref instanceof LostWatch) {
            ((LostWatch) ref).report();
        } else {
            RefTrackerRegistry.INSTANCE.abandoned((RefTrackerRegistry.Entry) ref);
        }
    }

    static void pausePromotion(boolean paused) {
        promotionPaused = paused;
    }

    /** Promotes the directories queued before this pass; those queued during it wait a period. */
    static void promoteQueued() {
        if (promotionPaused) {
            return;
        }
        for (int n = PROMOTIONS.size(); n > 0; n--) {
            Ledger dir = PROMOTIONS.poll();
            if (dir == null) {
                return;
            }
            dir.promote();
        }
    }
}
