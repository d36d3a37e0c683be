package io.github.reftrack.jmx;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefTrackerListener;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events for the MXBean. One per runtime, installed as a listener when the runtime is built, so
 * the counts cover the whole run even though the MXBean is registered later. Not API.
 *
 * <p>Thread-safe: each count is a {@link LongAdder}.
 */
public final class EventCounts implements RefTrackerListener {
    private final LongAdder leaks = new LongAdder();
    private final LongAdder doubleReleases = new LongAdder();
    private final LongAdder lostReferences = new LongAdder();

    /** Creates zero counts. */
    public EventCounts() {
    }

    @Override
    public void onLeak(LeakReport report) {
        leaks.increment();
    }

    @Override
    public void onAbandonedDirectory(LeakReport report) {
        leaks.increment();
    }

    @Override
    public void onDoubleRelease(DoubleRelease event) {
        doubleReleases.increment();
    }

    @Override
    public void onLostReference(LostReference event) {
        lostReferences.increment();
    }

    long leaks() {
        return leaks.sum();
    }

    long doubleReleases() {
        return doubleReleases.sum();
    }

    long lostReferences() {
        return lostReferences.sum();
    }

    @Override
    public String toString() {
        return "reftrack JMX event counts";
    }
}
