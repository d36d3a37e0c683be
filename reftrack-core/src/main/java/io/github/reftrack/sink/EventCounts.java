package io.github.reftrack.sink;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefTrackerEvent;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts events for the MXBean. One per runtime, installed as a sink when the runtime is built, so
 * the counts cover the whole run even though the MXBean is registered later. Not API. An exit
 * summary ({@link LeakReport#isExitSummary()}) totals leaks counted already and is not counted.
 *
 * <p>Thread-safe: each count is a {@link LongAdder}.
 */
public final class EventCounts implements EventSink {
    private final LongAdder leaks = new LongAdder();
    private final LongAdder doubleReleases = new LongAdder();
    private final LongAdder lostReferences = new LongAdder();
    private final LongAdder longHeld = new LongAdder();

    /** Creates zero counts. */
    public EventCounts() {
    }

    @Override
    public void accept(RefTrackerEvent event) {
        if (event instanceof LeakReport report && !report.isExitSummary() || event instanceof AbandonedDirectory) {
            leaks.increment();
        } else if (event instanceof DoubleRelease) {
            doubleReleases.increment();
        } else if (event instanceof LostReference) {
            lostReferences.increment();
        } else if (event instanceof LongHeld) {
            longHeld.increment();
        }
    }

    /**
     * Returns how many leaks (at close, and of abandoned directories) were reported.
     *
     * @return the count
     */
    public long leaks() {
        return leaks.sum();
    }

    /**
     * Returns how many double releases were reported.
     *
     * @return the count
     */
    public long doubleReleases() {
        return doubleReleases.sum();
    }

    /**
     * Returns how many lost references were reported.
     *
     * @return the count
     */
    public long lostReferences() {
        return lostReferences.sum();
    }

    /**
     * Returns how many references held past a hold threshold were reported.
     *
     * @return the count
     */
    public long longHeld() {
        return longHeld.sum();
    }

    @Override
    public String toString() {
        return "reftrack JMX event counts";
    }
}
