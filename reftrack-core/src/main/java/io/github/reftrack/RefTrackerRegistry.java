package io.github.reftrack;

import io.github.reftrack.internal.engine.Checks;
import io.github.reftrack.internal.engine.Directories;
import io.github.reftrack.internal.engine.ObjectGroups;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The open directories of this process, readable while it runs: the Java counterpart of the
 * kernel's debugfs file per directory, and what JMX and {@code reftrack dump} read.
 *
 * <p>Directories are held weakly: a directory that its owner dropped without closing does not
 * stay in memory because of the registry. Its ledger is kept until the garbage collector reports
 * the directory gone; then the ledger is closed as {@code close()} would have, so trackers still
 * live are reported as a leak, and released. Closed directories leave the registry. The no-op
 * directory is never registered.
 *
 * <p>One registry per {@link RefTrackingRuntime}; {@link RefTracking#registry()} is the default
 * runtime's. Thread-safe. Each method reads the directories one at a time; every per-directory report is
 * an atomic snapshot of that directory, but the list as a whole is not a snapshot of the process.
 */
public final class RefTrackerRegistry {
    private final Directories directories;
    private final Supplier<LeakHistory> history;

    RefTrackerRegistry(Directories directories, Supplier<LeakHistory> history) {
        this.directories = directories;
        this.history = history;
    }

    /**
     * Returns the open directories, oldest first.
     *
     * @return a snapshot list; the directories in it may be closed by the time it is read
     */
    public List<RefTrackerDir> directories() {
        return directories.open();
    }

    /**
     * Returns the outstanding references per directory class, summed over open directories.
     *
     * @return class name to {@link RefTrackerDir#liveCount()} sum, sorted by class name
     */
    public Map<String, Long> liveByClass() {
        Map<String, Long> byClass = new TreeMap<>();
        for (RefTrackerDir dir : directories()) {
            byClass.merge(dir.className(), (long) dir.liveCount(), Long::sum);
        }
        return byClass;
    }

    /**
     * Returns the number of outstanding references over all open directories.
     *
     * @return the sum of {@link RefTrackerDir#liveCount()}
     */
    public long liveReferences() {
        long total = 0;
        for (RefTrackerDir dir : directories()) {
            total += dir.liveCount();
        }
        return total;
    }

    /**
     * Reports every open directory that has live trackers.
     *
     * @param displayLimit the most groups per directory
     * @return one non-empty report per directory, oldest directory first
     * @throws IllegalArgumentException if {@code displayLimit} is negative
     */
    public List<LeakReport> reports(int displayLimit) {
        return reports(null, displayLimit);
    }

    /**
     * Reports every open directory of one class that has live trackers.
     *
     * @param className    the class to report, or {@code null} for all classes
     * @param displayLimit the most groups per directory
     * @return one non-empty report per directory, oldest directory first
     * @throws IllegalArgumentException if {@code displayLimit} is negative
     */
    public List<LeakReport> reports(String className, int displayLimit) {
        Checks.displayLimit(displayLimit);
        List<LeakReport> reports = new ArrayList<>();
        for (RefTrackerDir dir : directories()) {
            if (className == null || Objects.equals(className, dir.className())) {
                LeakReport report = dir.report(displayLimit);
                if (!report.isEmpty()) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    /**
     * Reports the open directories of each class together, grouped by stack across them: where
     * every object has a directory of its own (as the agent gives each tracked object), ten
     * objects holding a reference each from one call path make one group of ten users with
     * {@link LeakReport.Group#objects()} 10, not ten reports. Each group keeps the oldest and
     * newest hold time of its references. A class with one open directory is reported as
     * {@link #reports(String, int)} reports it; a class with several is reported under the class
     * name ({@link LeakReport#dirName()} is the class name), its groups newest first.
     *
     * @param className    the class to report, or {@code null} for all classes
     * @param displayLimit the most groups per class (and per directory read)
     * @return one non-empty report per class, in the order of each class's oldest directory
     * @throws IllegalArgumentException if {@code displayLimit} is negative
     */
    public List<LeakReport> reportsByClass(String className, int displayLimit) {
        return ObjectGroups.byClass(reports(className, displayLimit), displayLimit);
    }

    /**
     * Returns the leaks this runtime has reported so far (at close, of abandoned directories, of
     * lost references), counted by stack fingerprint with first and last seen, at most
     * {@link LeakHistory#capacity()} distinct stacks.
     *
     * @return a snapshot
     */
    public LeakHistory leakHistory() {
        return history.get();
    }

    /**
     * Lists the references held longest across the open directories: "who has held it
     * longest". Each directory's list is read under its lock; the ages are measured when it is.
     *
     * @param n how many to list, at most
     * @return up to {@code n} references, oldest first
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public List<HeldReference> oldest(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0 (how many references to list), was " + n);
        }
        return directories.oldest(n);
    }
}
