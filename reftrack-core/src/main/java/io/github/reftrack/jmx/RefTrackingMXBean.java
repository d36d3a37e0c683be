package io.github.reftrack.jmx;

import java.util.Map;

/**
 * The process's reftrack state over JMX, registered as {@value Jmx#OBJECT_NAME}: the counterpart
 * of the kernel's debugfs files, readable from jconsole, VisualVM or {@code reftrack dump <pid>}.
 *
 * <p>Every method reads live state at the time of the call; the values are not one snapshot of
 * the process (each directory is read atomically, one after the other). Thread-safe.
 */
public interface RefTrackingMXBean {

    /**
     * Returns the number of open, registered directories (tracking modes only).
     *
     * @return the count of {@code RefTracking.registry().directories()}
     */
    int getLiveDirectories();

    /**
     * Returns the references outstanding over all open directories.
     *
     * @return the sum of every open directory's {@code liveCount()}
     */
    long getLiveReferences();

    /**
     * Returns how many leak reports were raised since start: directories closed while references
     * were still held (one per directory, however many references it leaked).
     *
     * @return the leak report count
     */
    long getLeaks();

    /**
     * Returns how many double releases were detected since start.
     *
     * @return the double release count
     */
    long getDoubleReleases();

    /**
     * Returns how many references were found dropped without release since start (only with
     * {@code reftrack.lost=on}).
     *
     * @return the lost reference count
     */
    long getLostReferences();

    /**
     * Returns how many references held past a hold threshold were reported since start (each
     * object lifetime at most once; only with a hold threshold set).
     *
     * @return the long-held reference count
     */
    long getLongHeld();

    /**
     * Returns the outstanding references per directory class, over open directories.
     *
     * @return class name to reference count, sorted by class name
     */
    Map<String, Long> getLiveByClass();

    /**
     * Returns the mode that new directories get: {@code OFF}, {@code SAMPLE} or {@code FULL}.
     *
     * @return the mode's name
     */
    String getMode();

    /**
     * Returns how many passes of the housekeeping thread failed (an {@code OutOfMemoryError}, a
     * listener's {@code StackOverflowError}) and were survived: 0 while healthy.
     *
     * @return the failure count
     */
    long getHousekeeperFailures();

    /**
     * Returns whether the housekeeping thread (lost references, abandoned directories, stack
     * promotion) is running.
     *
     * @return {@code true} while it runs
     */
    boolean isHousekeeperRunning();

    /**
     * Renders every open directory that holds references, in the kernel's report shape, at most
     * 16 ({@code RefTrackerDir.DEFAULT_DISPLAY_LIMIT}) stacks per directory.
     *
     * @return the reports one after the other; empty when nothing is held
     */
    String dump();

    /**
     * Renders the open directories of one class that hold references, as {@link #dump()}.
     *
     * @param className the directory class, e.g. {@code delayed_node}
     * @return the reports one after the other; empty when nothing is held
     */
    String dump(String className);

    /**
     * Returns every open directory that holds references as JSON: an array of report objects
     * (see {@code LeakReport.toJson()}), at most 16 ({@code RefTrackerDir.DEFAULT_DISPLAY_LIMIT}) stacks each.
     *
     * @return a JSON array, {@code []} when nothing is held
     */
    String dumpJson();

    /**
     * Returns the open directories of one class that hold references as JSON, as
     * {@link #dumpJson()}.
     *
     * @param className the directory class, e.g. {@code delayed_node}
     * @return a JSON array, {@code []} when nothing is held
     */
    String dumpJson(String className);

    /**
     * Renders the open directories that hold references as {@link #dump()} does, except that the
     * directories of one class are grouped by stack across them: one report per class, each group
     * counting the objects (directories) that share its stack.
     *
     * @return the reports one after the other; empty when nothing is held
     */
    String dumpByClass();

    /**
     * Renders the open directories of one class as {@link #dumpByClass()}.
     *
     * @param className the directory class, e.g. {@code netty_bytebuf}
     * @return the report; empty when nothing is held
     */
    String dumpByClass(String className);

    /**
     * Returns the reports of {@link #dumpByClass()} as a JSON array of report objects.
     *
     * @return a JSON array, {@code []} when nothing is held
     */
    String dumpByClassJson();

    /**
     * Returns the report of one class as {@link #dumpByClassJson()}.
     *
     * @param className the directory class
     * @return a JSON array, {@code []} when nothing is held
     */
    String dumpByClassJson(String className);

    /**
     * Renders the leaks reported since start, counted by stack fingerprint with first and last
     * seen, after a summary line (at most 256 distinct stacks are kept; the rest are counted).
     *
     * @return the text; a line saying none when no leak was reported
     */
    String leakHistory();

    /**
     * Renders the leaks of one directory class as {@link #leakHistory()}.
     *
     * @param className the directory class
     * @return the text; a line saying none when no leak of that class was reported
     */
    String leakHistory(String className);

    /**
     * Lists the references held longest across open directories, one line each, oldest first:
     * age, directory, holder and the frame that took the reference.
     *
     * @param n how many to list (negative lists none)
     * @return the lines; empty when nothing is held
     */
    String oldest(int n);
}
