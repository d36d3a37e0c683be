package io.github.reftrack;

import io.github.reftrack.internal.Detached;
import io.github.reftrack.internal.engine.Events;
import io.github.reftrack.sink.Jfr;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The reports one runtime writes at JVM exit, run once: by the runtime's shutdown hook or, when a
 * JFR recording is dumped at exit, by JFR before the recording's last chunk is written, whichever
 * comes first (the hooks of a JVM run side by side in no set order). The other caller waits for
 * them, at most {@value #WAIT_SECONDS} s: a report stuck on something JFR holds cannot keep the
 * JVM from exiting.
 *
 * <p>Thread-safe. The hooks are arranged at the first {@link #add}.
 */
final class ExitHook {
    private static final long WAIT_SECONDS = 10;

    private final List<Runnable> reports = new CopyOnWriteArrayList<>();
    private final AtomicBoolean arranged = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);

    void add(Runnable report) {
        reports.add(report);
        if (arranged.compareAndSet(false, true)) {
            arrange();
        }
    }

    private void arrange() {
        try {
            Runtime.getRuntime().addShutdownHook(Detached.thread("reftrack-exit-report", this::run));
        } catch (IllegalStateException | SecurityException e) {
            Events.LOG.log(Level.WARNING, "reftrack could not arrange its report at exit (" + e + ")");
            return;
        }
        try {
            Jfr.beforeRecordingsCloseAtExit(this::run);
        } catch (RuntimeException | LinkageError e) {
            Events.LOG.log(Level.WARNING, "reftrack could not arrange its report at exit before JFR recordings"
                    + " close; a recording dumped at exit may miss it (" + e + ")");
        }
    }

    /** Runs the reports, once; a second caller waits until they are done. */
    void run() {
        if (!started.compareAndSet(false, true)) {
            try {
                done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            for (Runnable report : reports) {
                try {
                    report.run();
                } catch (RuntimeException e) {
                    Events.LOG.log(Level.WARNING, "reftrack's report at exit failed", e);
                }
            }
        } finally {
            done.countDown();
        }
    }
}
