package io.github.reftrack.sink;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.CallStack;
import io.github.reftrack.LeakHistory;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefTrackerEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers, per stack fingerprint, how many leaks a runtime reported and when it saw the first
 * and the last: the {@link LeakHistory} that the registry and {@code reftrack dump} show. One per
 * runtime, installed as a sink when the runtime is built. Not API. Exit summaries
 * ({@link LeakReport#isExitSummary()}) total leaks recorded already and are not recorded again.
 *
 * <p>Bounded: the first {@code capacity} distinct stacks are kept, as agrona's
 * {@code DistinctErrorLog} keeps the first distinct errors; leaks on other stacks are counted in
 * one overflow number. A long-running process that leaks on ever new stacks (generated classes)
 * thus keeps at most {@code capacity} entries, each holding one interned stack.
 *
 * <p>Thread-safe: guarded by {@code this}; leaks are rare, so one lock costs nothing that matters.
 */
public final class LeakRecorder implements EventSink {
    /** How many distinct stacks a runtime's history keeps by default. */
    public static final int DEFAULT_CAPACITY = 256;

    private final Clock clock;
    private final int capacity;
    /** Guarded by {@code this}; insertion order is the order first seen. */
    private final Map<String, Tally> byFingerprint = new LinkedHashMap<>();
    /** Guarded by {@code this}. */
    private long overflow;

    /**
     * Creates an empty history.
     *
     * @param clock    what first and last seen are read from
     * @param capacity the most distinct stacks kept
     * @throws NullPointerException     if {@code clock} is null
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public LeakRecorder(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (distinct stacks kept), was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void accept(RefTrackerEvent event) {
        if (event instanceof LeakReport report) {
            if (!report.isExitSummary()) {
                record(report);
            }
        } else if (event instanceof AbandonedDirectory abandoned) {
            record(abandoned.report());
        } else if (event instanceof LostReference lost) {
            record(lost.className(), lost.allocation(), clock.instant());
        }
    }

    private void record(LeakReport report) {
        Instant now = clock.instant();
        for (LeakReport.Group group : report.groups()) {
            record(report.className(), group.stack(), now);
        }
    }

    private synchronized void record(String className, CallStack stack, Instant now) {
        Tally tally = byFingerprint.get(stack.fingerprint());
        if (tally == null) {
            if (byFingerprint.size() >= capacity) {
                overflow++;
                return;
            }
            tally = new Tally(className, stack, now);
            byFingerprint.put(stack.fingerprint(), tally);
        }
        tally.count++;
        tally.lastSeen = now;
    }

    /**
     * Returns what was recorded so far.
     *
     * @return a snapshot, stacks in the order first seen
     */
    public synchronized LeakHistory history() {
        List<LeakHistory.Entry> entries = new ArrayList<>(byFingerprint.size());
        for (Tally t : byFingerprint.values()) {
            entries.add(new LeakHistory.Entry(t.className, t.stack, t.count, t.firstSeen, t.lastSeen));
        }
        return new LeakHistory(entries, overflow, capacity);
    }

    @Override
    public String toString() {
        return "reftrack leak history (at most " + capacity + " stacks)";
    }

    /** One stack's leaks. */
    private static final class Tally {
        final String className;
        final CallStack stack;
        final Instant firstSeen;
        long count;
        Instant lastSeen;

        Tally(String className, CallStack stack, Instant firstSeen) {
            this.className = className;
            this.stack = stack;
            this.firstSeen = firstSeen;
            this.lastSeen = firstSeen;
        }
    }
}
