package io.github.reftrack;

import io.github.reftrack.internal.engine.Checks;
import io.github.reftrack.internal.engine.Events;
import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Waits for references to drain during a teardown without hanging silently: after a first
 * deadline it names the holders ({@link RefTrackerListener#onTeardownStuck} and the log), again
 * at every interval, and it gives up at a final deadline. The kernel's
 * {@code btrfs_kill_all_delayed_nodes} spins forever in the same situation.
 *
 * <pre>{@code
 * boolean drained = TeardownWatchdog.forDirectories("pool shutdown", pool.directories())
 *         .reportAfter(Duration.ofSeconds(5))
 *         .reportEvery(Duration.ofSeconds(30))
 *         .giveUpAfter(Duration.ofMinutes(2))
 *         .await();
 * }</pre>
 *
 * <p>A teardown that runs its own loop (and so cannot block in {@link #await()}) calls
 * {@link #check()} once per pass instead.
 *
 * <p>Configure from one thread; {@code await}/{@code check} belong to the one tearing down.
 * Waiting polls with a backoff from 1 to 50 ms: releases pay nothing for being waited on.
 */
public final class TeardownWatchdog {
    private static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** The bus of the watched directories' runtime; {@code null}: the default runtime's. */
    private final Events events;
    private final String what;
    private final LongSupplier remaining;
    private final Supplier<List<LeakReport>> holders;
    private long reportAfterNanos = TimeUnit.SECONDS.toNanos(10);
    private long reportEveryNanos = TimeUnit.SECONDS.toNanos(10);
    private long giveUpAfterNanos = Long.MAX_VALUE;

    private long started;
    private long nextReport;

    private TeardownWatchdog(Events events, String what, LongSupplier remaining,
            Supplier<List<LeakReport>> holders) {
        this.events = events;
        this.what = Objects.requireNonNull(what, "what");
        this.remaining = remaining;
        this.holders = holders;
    }

    /**
     * Watches directories: done when every directory's {@link RefTrackerDir#liveCount()} is 0;
     * reports show their live trackers.
     *
     * @param what        names the teardown in reports, e.g. {@code "kill-all of root 257"}
     * @param directories the directories to drain (copied)
     * @return a watchdog with the default deadlines (report after 10 s, then every 10 s, never
     *         give up)
     * @throws NullPointerException if an argument or a directory is null
     */
    public static TeardownWatchdog forDirectories(String what, Collection<? extends RefTrackerDir> directories) {
        List<RefTrackerDir> dirs = List.copyOf(directories);
        Events events = null;
        for (RefTrackerDir dir : dirs) {
            if (dir instanceof TrackingRefTrackerDir) {
                events = ((TrackingRefTrackerDir) dir).events();
                break;
            }
        }
        LongSupplier remaining = () -> dirs.stream().mapToLong(RefTrackerDir::liveCount).sum();
        return new TeardownWatchdog(events, what, remaining, () -> {
            List<LeakReport> reports = new ArrayList<>();
            for (RefTrackerDir dir : dirs) {
                LeakReport report = dir.report(RefTrackerDir.DEFAULT_DISPLAY_LIMIT);
                if (!report.isEmpty()) {
                    reports.add(report);
                }
            }
            return reports;
        });
    }

    /**
     * Watches a count: done when it reaches 0. With tracking off this is all a subsystem knows.
     *
     * @param what      names the teardown in reports
     * @param remaining how many references (or objects) are still held
     * @param holders   reports naming the holders, or a supplier of an empty list
     * @return a watchdog with the default deadlines
     * @throws NullPointerException if an argument is null
     */
    public static TeardownWatchdog forCount(String what, LongSupplier remaining, Supplier<List<LeakReport>> holders) {
        return new TeardownWatchdog(null, what, Objects.requireNonNull(remaining, "remaining"),
                Objects.requireNonNull(holders, "holders"));
    }

    /**
     * Sets when the holders are first reported.
     *
     * @param delay time from the start of the wait; zero reports at the first check
     * @return this watchdog
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public TeardownWatchdog reportAfter(Duration delay) {
        reportAfterNanos = Checks.timeout(delay);
        return this;
    }

    /**
     * Sets how often the holders are reported again after the first report.
     *
     * @param interval a positive duration
     * @return this watchdog
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public TeardownWatchdog reportEvery(Duration interval) {
        long nanos = Checks.timeout(interval);
        if (nanos == 0) {
            throw new IllegalArgumentException("reportEvery must be positive, was " + interval);
        }
        reportEveryNanos = nanos;
        return this;
    }

    /**
     * Sets the final deadline, after which {@link #await()} returns {@code false} and
     * {@link #check()} returns {@code false}.
     *
     * @param deadline time from the start of the wait
     * @return this watchdog
     * @throws IllegalArgumentException if {@code deadline} is negative
     */
    public TeardownWatchdog giveUpAfter(Duration deadline) {
        giveUpAfterNanos = Checks.timeout(deadline);
        return this;
    }

    /**
     * Blocks until nothing remains, reporting the holders when a report is due.
     *
     * @return {@code true} once nothing remains; {@code false} at the final deadline (after a
     *         last report)
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    public boolean await() throws InterruptedException {
        long poll = MIN_POLL_NANOS;
        while (remaining.getAsLong() > 0) {
            if (!check()) {
                return false;
            }
            LockSupport.parkNanos(this, poll);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for " + what);
            }
            poll = Math.min(MAX_POLL_NANOS, poll * 2);
        }
        return true;
    }

    /**
     * Like {@link #await()}, but throws at the final deadline.
     *
     * @throws TeardownTimeoutException at the final deadline, carrying the last report
     * @throws InterruptedException     if the thread is interrupted while waiting
     */
    public void awaitOrThrow() throws InterruptedException {
        if (!await()) {
            throw new TeardownTimeoutException(event());
        }
    }

    /**
     * One non-blocking step for teardowns that loop themselves: starts the clock on the first
     * call, reports the holders when a report is due, and says whether to go on.
     *
     * @return {@code false} when the final deadline has passed and references still remain (a
     *         last report is made then); {@code true} otherwise, so the teardown goes on
     */
    public boolean check() {
        long now = System.nanoTime();
        if (started == 0) {
            started = now;
            nextReport = saturatedAdd(now, reportAfterNanos);
        }
        boolean givingUp = now - started >= giveUpAfterNanos;
        if ((now - nextReport >= 0 || givingUp) && remaining.getAsLong() > 0) {
            (events != null ? events : RefTracking.runtime().events()).stuck(event());
            nextReport = saturatedAdd(now, reportEveryNanos);
        }
        return !givingUp || remaining.getAsLong() == 0;
    }

    private StuckTeardown event() {
        long now = System.nanoTime();
        return new StuckTeardown(what, Duration.ofNanos(started == 0 ? 0 : now - started), remaining.getAsLong(),
                holders.get());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return b > 0 && sum < a ? Long.MAX_VALUE : sum;
    }
}
