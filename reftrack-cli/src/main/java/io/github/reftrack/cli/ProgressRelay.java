package io.github.reftrack.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Progress for runs that take a while: lines are held back during the first {@code quiet}
 * seconds, so a short run prints nothing; once that has passed, the held lines and every later one
 * go to standard error, with a heartbeat line whenever nothing was said for {@code heartbeat}
 * seconds.
 *
 * <p>Thread-safe: the buffer, the {@code live} flag and the time of the last line are guarded by
 * {@code this}; lines may come from any thread.
 */
final class ProgressRelay implements Consumer<String>, AutoCloseable {
    private final PrintWriter err;
    private final String prefix;
    private final long heartbeatNanos;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    private final List<String> held = new ArrayList<>();
    private boolean live;
    private long lastLine = start;

    ProgressRelay(PrintWriter err, String prefix, long quietSeconds, long heartbeatSeconds) {
        this.err = err;
        this.prefix = prefix;
        this.heartbeatNanos = TimeUnit.SECONDS.toNanos(heartbeatSeconds);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "reftrack-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.schedule(this::goLive, quietSeconds, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::heartbeat, quietSeconds, 1, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void accept(String line) {
        if (live) {
            print(line);
        } else {
            held.add(line);
        }
    }

    private synchronized void goLive() {
        live = true;
        held.forEach(this::print);
        held.clear();
    }

    private synchronized void heartbeat() {
        long now = System.nanoTime();
        if (live && now - lastLine >= heartbeatNanos) {
            print("still running (" + TimeUnit.NANOSECONDS.toSeconds(now - start) + " s)");
        }
    }

    private void print(String line) {
        err.println(prefix + line);
        err.flush();
        lastLine = System.nanoTime();
    }

    /** Stops the timer; lines still held back are dropped (the run was short). */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
