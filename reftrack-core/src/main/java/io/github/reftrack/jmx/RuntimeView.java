package io.github.reftrack.jmx;

import io.github.reftrack.LeakHistory;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.sink.EventCounts;
import java.util.List;
import java.util.Map;

/**
 * What the MXBean reads from the runtime that registered it: its directories, reports, counts and
 * health. Implemented by the runtime, so this sink never reaches for a global. Not API.
 */
public interface RuntimeView {
    /**
     * Returns the open directories, oldest first.
     *
     * @return a snapshot list
     */
    List<RefTrackerDir> directories();

    /**
     * Returns the non-empty reports of the open directories, at the default display limit.
     *
     * @param className a directory class, or {@code null} for all
     * @return the reports, oldest directory first
     */
    List<LeakReport> reports(String className);

    /**
     * Returns one report per directory class, grouped by stack across its open directories.
     *
     * @param className a directory class, or {@code null} for all
     * @return the reports, see {@code RefTrackerRegistry.reportsByClass}
     */
    List<LeakReport> reportsByClass(String className);

    /**
     * Returns the leaks reported so far, by stack fingerprint.
     *
     * @return the runtime's leak history
     */
    LeakHistory leakHistory();

    /**
     * Writes reports as a JSON array with reftrack's one JSON writer.
     *
     * @param reports the reports
     * @return the JSON text
     */
    String toJson(List<LeakReport> reports);

    /**
     * Renders the references held longest, one per line, oldest first.
     *
     * @param n how many, at most
     * @return the lines; empty when nothing is held
     */
    String oldest(int n);

    /**
     * Returns outstanding references per directory class.
     *
     * @return class name to count, sorted
     */
    Map<String, Long> liveByClass();

    /**
     * Returns outstanding references over all open directories.
     *
     * @return the sum
     */
    long liveReferences();

    /**
     * Returns the mode new directories get.
     *
     * @return the mode's name
     */
    String mode();

    /**
     * Returns how many housekeeping passes failed and were survived.
     *
     * @return 0 while healthy
     */
    long housekeeperFailures();

    /**
     * Returns whether the housekeeping thread is running.
     *
     * @return {@code true} once started and while alive
     */
    boolean housekeeperRunning();

    /**
     * Returns the runtime's event counts.
     *
     * @return the counts
     */
    EventCounts counts();
}
