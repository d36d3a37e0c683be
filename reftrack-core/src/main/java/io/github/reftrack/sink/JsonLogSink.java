package io.github.reftrack.sink;

import io.github.reftrack.EventJson;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.RefTracking;
import io.github.reftrack.internal.Detached;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fleet log: appends one JSON object per event, one per line, to the file named by
 * {@value RefTracking#JSON_LOG_PROPERTY}, for log shippers to pick up. Lines are written by
 * {@link EventJson#logLine} (schema in the module's README).
 *
 * <p><b>Decoupled.</b> The thread that raised an event only formats its line and offers it to a
 * bounded queue ({@value #CAPACITY} lines); a daemon thread, {@code reftrack-json-log}, started on
 * the first event, writes them. A stalled reader (the log is a FIFO nobody drains, a hung network
 * file system) therefore never blocks the application: when the queue is full the line is
 * dropped and counted ({@link #dropped()}), and the first drop is logged. At JVM exit a shutdown
 * hook waits up to two seconds for the queued lines to be written.
 *
 * <p>The file is opened in append mode on the first write and kept open; each line is one
 * {@code write} of a complete line, so lines from several processes sharing the file do not
 * interleave on local file systems. A failure to open or write is logged once, with the path and
 * the cause, and turns the sink off: it never throws into the code that raised the event.
 *
 * <p>Thread-safe: {@link #out} is only touched by the writer thread (and by {@link #close()} after
 * it stopped).
 */
public final class JsonLogSink implements EventSink {
    /** How many lines the queue holds. */
    public static final int CAPACITY = 4096;
    /** How long the JVM's exit waits, at most, for queued lines to be written. */
    private static final long EXIT_FLUSH_SECONDS = 2;

    private final String path;
    private final Clock clock;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean disabled;
    private volatile Thread writer;
    /** Only the writer thread touches it. */
    private OutputStream out;

    /**
     * Creates a sink appending to a file, stamping lines with the UTC clock.
     *
     * @param path the file
     */
    public JsonLogSink(String path) {
        this(path, Clock.systemUTC());
    }

    /**
     * Creates a sink appending to a file.
     *
     * @param path  the file
     * @param clock stamps each line's {@code timestamp}
     */
    public JsonLogSink(String path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public void accept(RefTrackerEvent event) {
        if (disabled) {
            return;
        }
        String line = EventJson.logLine(event, clock.instant());
        if (started.compareAndSet(false, true)) {
            Thread thread = Detached.thread("reftrack-json-log", this::writeLoop);
            thread.setDaemon(true);
            writer = thread;
            thread.start();
            flushAtExit();
        }
        if (queue.offer(line)) {
            offered.incrementAndGet();
        } else if (dropped.getAndIncrement() == 0) {
            LogSink.LOG.log(Level.WARNING, "reftrack's JSON event log " + path + " is not keeping up (its reader is"
                    + " stalled or the disk is slow); events that do not fit in its queue of " + CAPACITY
                    + " lines are dropped and counted");
        }
    }

    /** Lets the writer finish the queued lines when the JVM exits (daemon threads run during hooks). */
    private void flushAtExit() {
        try {
            Runtime.getRuntime().addShutdownHook(Detached.thread("reftrack-json-log-flush", () -> {
                try {
                    flush(EXIT_FLUSH_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        } catch (IllegalStateException | SecurityException e) {
            // already shutting down: what is queued may be lost
        }
    }

    private void writeLoop() {
        while (!disabled) {
            String line;
            try {
                line = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            write(line);
            written.incrementAndGet();
        }
    }

    private void write(String line) {
        try {
            if (out == null) {
                // FileOutputStream, not a FileChannel: an interrupt must not close the log.
                out = new FileOutputStream(path, true);
            }
            out.write(line.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            // Said before the sink reads as disabled: flush() returns on disabled, and whoever
            // waited on it must find the warning already logged.
            LogSink.LOG.log(Level.WARNING, "reftrack cannot write its JSON event log -D"
                    + RefTracking.JSON_LOG_PROPERTY + "=" + path + " (" + e
                    + "); no further events are written to it. Fix the path or its permissions and restart.");
            disabled = true;
            queue.clear();
        }
    }

    /**
     * Waits until every line offered so far is written (or the sink turned itself off).
     *
     * @param timeout how long to wait at most
     * @param unit    the timeout's unit
     * @return {@code true} if everything was written in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean flush(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (!disabled && written.get() < offered.get()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /**
     * Returns how many events were dropped because the writer could not keep up.
     *
     * @return the count
     */
    public long dropped() {
        return dropped.get();
    }

    /** Stops the writer and closes the file; later events are dropped. Idempotent. */
    public void close() {
        disabled = true;
        Thread thread = writer;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    /**
     * Returns whether the sink turned itself off (a write failed) or was closed.
     *
     * @return {@code true} once off
     */
    public boolean isDisabled() {
        return disabled;
    }

    private void closeQuietly() {
        OutputStream stream = out;
        out = null;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LogSink.LOG.log(Level.DEBUG, "closing the JSON event log " + path + " failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "reftrack JSON event log " + path;
    }
}
