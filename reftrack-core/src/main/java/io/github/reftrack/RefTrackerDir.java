package io.github.reftrack;

import io.github.reftrack.internal.engine.DirectorySettings;
import io.github.reftrack.internal.engine.Engine;
import io.github.reftrack.internal.engine.NoopRefTrackerDir;
import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.time.Duration;
import java.util.Objects;

/**
 * A directory of the references taken on one ref-counted object: every {@link #alloc()} returns a
 * {@link RefTracker} that remembers the stack that took the reference, {@link #free} returns it,
 * and {@link #close()} reports the trackers still live as leaks, grouped by stack. The Java form
 * of the kernel's {@code struct ref_tracker_dir}.
 *
 * <pre>{@code
 * final class Connection {
 *     private final AtomicInteger refs = new AtomicInteger(1);
 *     final RefTrackerDir refDir = RefTrackerDir.create("connection", 16);
 *
 *     RefTracker get() { refs.incrementAndGet(); return refDir.alloc(); }
 *     void put(RefTracker t) { refDir.free(t); if (refs.decrementAndGet() == 0) refDir.close(); }
 * }
 * }</pre>
 *
 * <p><b>Modes.</b> What a directory records is fixed when it is created, by
 * {@link RefTracking#mode()} (see {@link RefTracking.Mode}). With tracking off, {@link #create}
 * returns one shared no-op directory: every method returns at once and allocates nothing.
 *
 * <p><b>Errors.</b> Misuse never throws into the caller and never corrupts the directory: a
 * {@code null} or foreign tracker, a second release, a call after {@code close} are reported to
 * the listeners ({@link RefTrackerListener}) and to the log, and the call returns. With
 * {@value RefTracking#ON_ERROR_PROPERTY}{@code =throw} they throw {@link RefTrackerException}
 * after being reported.
 *
 * <p><b>Thread safety.</b> All methods may be called from any thread, concurrently. Stack capture
 * happens outside the directory's lock; the lock is held only to link or unlink a tracker and to
 * copy the live list for a report.
 */
public sealed interface RefTrackerDir extends AutoCloseable permits TrackingRefTrackerDir, NoopRefTrackerDir {

    /**
     * The display limit used where none is given: at {@code close()}, by the MXBean's dumps and
     * by teardown reports. The kernel's subsystems mostly pass 16.
     */
    int DEFAULT_DISPLAY_LIMIT = 16;

    /**
     * Creates a directory in the current {@linkplain RefTracking#mode() mode}: the kernel's
     * {@code ref_tracker_dir_init(dir, quarantine_count, class)}.
     *
     * @param className       what kind of object the directory tracks, e.g. {@code "delayed_node"};
     *                        reports are named {@code <className>@<16 hex digits>}
     * @param quarantineCount how many released trackers to keep as history (shown in dumps); 0
     *                        keeps none. Double releases are detected either way.
     * @return a new directory, or the shared no-op directory when tracking is off
     * @throws NullPointerException     if {@code className} is null
     * @throws IllegalArgumentException if {@code className} is blank or {@code quarantineCount}
     *                                  is negative
     */
    static RefTrackerDir create(String className, int quarantineCount) {
        return builder(className).quarantine(quarantineCount).build();
    }

    /**
     * Starts building a directory with settings other than the process-wide ones.
     *
     * @param className what kind of object the directory tracks
     * @return a builder with quarantine 0 and the process-wide mode, sampling and lost-reference
     *         settings
     * @throws NullPointerException     if {@code className} is null
     * @throws IllegalArgumentException if {@code className} is blank
     */
    static Builder builder(String className) {
        return new Builder(null, className);
    }

    /**
     * Returns the shared no-op directory, for a subsystem that has its own switch on top of the
     * global mode (as btrfs has its {@code ref_tracker} mount option).
     *
     * @return the shared directory that records nothing
     */
    static RefTrackerDir disabled() {
        return Engine.disabled();
    }

    /**
     * Records a reference: captures the caller's stack and returns its tracker. In
     * {@code sample} mode most calls only count the reference and return a shared untracked
     * token, which {@link #free} accepts like any tracker.
     *
     * @return the tracker to hand back to {@link #free}; never {@code null}
     */
    RefTracker alloc();

    /**
     * Records a long-lived reference held by a named holder (an embedded field, a cache, a list
     * membership). Reports show the holder's name under the group's header.
     *
     * @param holder a short name for who holds the reference, e.g. {@code "inode_cache"};
     *               {@code null} is the same as {@link #alloc()}
     * @return the tracker to hand back to {@link #free}; never {@code null}
     */
    RefTracker alloc(String holder);

    /**
     * Releases a reference: the kernel's {@code ref_tracker_free}. The tracker moves to the
     * quarantine and remembers the stack that released it.
     *
     * @param tracker a tracker this directory's {@code alloc} returned
     * @return {@code true} if the reference was released; {@code false} (after reporting) for a
     *         second release, a {@code null} tracker or a tracker of another directory, none of
     *         which change the directory
     */
    boolean free(RefTracker tracker);

    /**
     * Counts a reference taken without a tracker (the kernel's NULL tracker slot). It must be
     * balanced by {@link #freeUntracked()}; an imbalance is reported at {@link #close()}.
     */
    void allocUntracked();

    /**
     * Releases a reference taken with {@link #allocUntracked()}. Releasing more than were taken
     * is reported (once) as misuse.
     */
    void freeUntracked();

    /**
     * Returns how many references are held through this directory: live trackers, plus
     * references counted without a stack (sampled out, capture failed, or
     * {@link #allocUntracked()}).
     *
     * @return the number of outstanding references; 0 for the no-op directory
     */
    int liveCount();

    /**
     * Returns the directory's counts, all read at one instant under the directory's lock.
     *
     * @return a snapshot; all zero for the no-op directory
     */
    Stats stats();

    /**
     * Returns the directory's name, {@code <className>@<16 hex digits>}: stable for the
     * directory's lifetime, unique among the directories of one process.
     *
     * @return the name used in reports
     */
    String name();

    /**
     * Returns the class name given at creation.
     *
     * @return the class, e.g. {@code "delayed_node"}
     */
    String className();

    /**
     * Returns the mode this directory was created with.
     *
     * @return {@code OFF} for the no-op directory
     */
    RefTracking.Mode mode();

    /**
     * Reports the live trackers, grouped by allocation stack, newest group first; at most
     * {@code displayLimit} groups, the rest counted as skipped. The snapshot is atomic: it shows
     * exactly the trackers that were live at one instant.
     *
     * @param displayLimit the most groups to form; 0 forms none
     * @return the report; empty when nothing is live
     * @throws IllegalArgumentException if {@code displayLimit} is negative
     */
    LeakReport report(int displayLimit);

    /**
     * Writes {@link #report(int)} to the log, if any tracker is live: the kernel's
     * {@code ref_tracker_dir_print}.
     *
     * @param displayLimit the most groups to show
     * @throws IllegalArgumentException if {@code displayLimit} is negative
     */
    void print(int displayLimit);

    /**
     * Waits until every reference is released, and reports the holders
     * ({@link RefTrackerListener#onTeardownStuck}) if that does not happen in time.
     *
     * @param timeout how long to wait
     * @return {@code true} if {@link #liveCount()} reached 0, {@code false} on timeout
     * @throws InterruptedException     if the waiting thread is interrupted
     * @throws NullPointerException     if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @see TeardownWatchdog
     */
    boolean awaitReleased(Duration timeout) throws InterruptedException;

    /**
     * Returns whether {@link #close()} has been called.
     *
     * @return {@code true} once closed; always {@code false} for the no-op directory
     */
    boolean isClosed();

    /**
     * Closes the directory: the kernel's {@code ref_tracker_dir_exit}. Live trackers are reported
     * as a leak ({@link RefTrackerListener#onLeak}), with {@link #DEFAULT_DISPLAY_LIMIT}, together
     * with the references counted without a stack (sampled out) that were not released; an
     * imbalance of {@link #allocUntracked()} references is reported as misuse. Closing again does
     * nothing. A later {@code alloc} or {@code free} still works and is reported once as misuse.
     */
    @Override
    void close();

    /**
     * The counts of one directory at one instant, taken under its lock.
     *
     * @param liveTracked         references with a tracker and a stack, not yet released
     * @param untracked           references counted without a stack (sampled out, or their
     *                            capture failed) and not yet released; negative once released
     *                            more often than taken
     * @param noTracker           references taken with {@link #allocUntracked()}, not yet
     *                            released; negative once released more often than taken
     * @param quarantined         released trackers kept as history
     * @param lost                trackers reported lost (dropped while live)
     * @param releasedTotal       trackers released since the directory was created
     * @param oldestLive          how long the oldest live tracker has been held; zero if none
     * @param housekeeperFailures how many passes of the runtime's housekeeping thread failed and
     *                            were survived; 0 when healthy
     */
    record Stats(int liveTracked, int untracked, int noTracker, int quarantined, int lost, long releasedTotal,
            Duration oldestLive, long housekeeperFailures) {

        /**
         * Validates the components.
         *
         * @throws NullPointerException if {@code oldestLive} is null
         */
        public Stats {
            Objects.requireNonNull(oldestLive, "oldestLive");
        }
    }

    /**
     * Builds a directory with settings of its own. Not thread-safe; {@link #build()} may be
     * called more than once.
     */
    final class Builder {
        private final RefTrackingRuntime runtime;
        private final String className;
        private int quarantine;
        private RefTracking.Mode mode;
        private int sampleInterval;
        private Boolean detectLost;

        Builder(RefTrackingRuntime runtime, String className) {
            this.runtime = runtime;
            Objects.requireNonNull(className, "className");
            if (className.isBlank()) {
                throw new IllegalArgumentException("className must name the tracked kind of object, was blank");
            }
            this.className = className;
        }

        /**
         * Sets how many released trackers the directory keeps as history.
         *
         * @param count 0 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public Builder quarantine(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("quarantineCount must be >= 0 (0 keeps no history), was " + count);
            }
            this.quarantine = count;
            return this;
        }

        /**
         * Sets the mode instead of {@link RefTracking#mode()}.
         *
         * @param mode the mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder mode(RefTracking.Mode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the sampling interval for {@code sample} mode instead of
         * {@value RefTracking#SAMPLE_PROPERTY}.
         *
         * @param interval record one reference in this many (per thread; the directory's first
         *                 reference is always recorded); 1 records all
         * @return this builder
         * @throws IllegalArgumentException if {@code interval} is less than 1
         */
        public Builder sampleInterval(int interval) {
            if (interval < 1) {
                throw new IllegalArgumentException("sampleInterval must be >= 1 (1 records every reference), was "
                        + interval);
            }
            this.sampleInterval = interval;
            return this;
        }

        /**
         * Turns lost-reference detection on or off instead of {@value RefTracking#LOST_PROPERTY}.
         *
         * @param detect whether trackers found unreachable while live are reported
         * @return this builder
         */
        public Builder detectLost(boolean detect) {
            this.detectLost = detect;
            return this;
        }

        /**
         * Creates the directory.
         *
         * @return a new directory, or the shared no-op directory when the mode is {@code OFF}
         */
        public RefTrackerDir build() {
            if (runtime == null && mode == RefTracking.Mode.OFF) {
                return Engine.disabled();
            }
            RefTrackingRuntime rt = runtime != null ? runtime : RefTracking.runtime();
            RefTracking.Mode effective = mode != null ? mode : rt.mode();
            if (effective == RefTracking.Mode.OFF) {
                return Engine.disabled();
            }
            int interval = effective == RefTracking.Mode.FULL ? 1
                    : sampleInterval > 0 ? sampleInterval : rt.settings().sampleInterval();
            boolean lost = detectLost != null ? detectLost : rt.settings().detectLost();
            return rt.engine().newDirectory(
                    new DirectorySettings(className, quarantine, effective, interval, lost));
        }
    }
}
