package io.github.reftrack.agent;

import io.github.reftrack.CallStack;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns a reference held past its hold threshold into a core {@link LongHeld} event, and runs the
 * periodic scan that finds them on a daemon thread of its own.
 */
final class LongHolds {
    private static final int GROUPS = 16;
    private static final long MIN_PERIOD_MILLIS = 10;
    private static final long MAX_PERIOD_MILLIS = 1000;

    private LongHolds() {
    }

    /**
     * The event of {@code ref}, the oldest live reference of {@code life}: its stack is that of the
     * directory's group held longest (the reference's own).
     */
    static LongHeld event(Lifetime life, Lifetime.Ref ref, long now) {
        LeakReport report = life.dir.report(GROUPS);
        CallStack stack = CallStack.EMPTY;
        Duration longest = null;
        for (LeakReport.Group group : report.groups()) {
            if (group.oldest() != null && (longest == null || group.oldest().compareTo(longest) > 0)) {
                longest = group.oldest();
                stack = group.stack();
            }
        }
        if (longest == null && !report.groups().isEmpty()) {
            stack = report.groups().get(0).stack();
        }
        return new LongHeld(life.profile.dirClass(), life.dir.name(), null, context(ref),
                Duration.ofNanos(now - ref.takenNanos), Duration.ofNanos(life.holdNanos()), stack);
    }

    /** The thread that took the reference and its context tag: {@code thread main, requestId=r-1}. */
    private static String context(Lifetime.Ref ref) {
        String tag = ref.tracker.context();
        if (ref.thread == null) {
            return tag;
        }
        return "thread " + ref.thread + (tag == null ? "" : ", " + tag);
    }

    /**
     * How often the scan runs for the shortest threshold: a quarter of it, from 10 ms to 1 s, so a
     * reference is reported at most a quarter past its threshold (and at most a second).
     */
    static long periodMillis(Duration shortest) {
        return Math.max(MIN_PERIOD_MILLIS, Math.min(MAX_PERIOD_MILLIS, shortest.toMillis() / 4));
    }

    /** Runs {@link AgentRuntime#scanHolds} every {@code periodMillis} until interrupted. */
    static void scanForever(AgentRuntime runtime, long periodMillis) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TimeUnit.MILLISECONDS.sleep(periodMillis);
                try {
                    runtime.scanHolds();
                } catch (RuntimeException e) {
                    // a lifetime ended under the scan (its directory closed): the next pass goes on
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
