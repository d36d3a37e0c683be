package io.github.reftrack.internal.engine;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.time.Duration;
import java.util.List;

/**
 * The directory used when tracking is off: every method returns at once, {@code alloc} returns
 * the one shared no-op tracker, nothing is allocated, captured or locked. The Java form of the
 * kernel's empty inline functions when {@code CONFIG_REF_TRACKER} is off. A class rather than an
 * enum singleton because an enum cannot have the {@code name()} the interface requires.
 */
public final class NoopRefTrackerDir implements RefTrackerDir {
    static final NoopRefTrackerDir INSTANCE = new NoopRefTrackerDir();

    private static final Stats NONE = new Stats(0, 0, 0, 0, 0, 0, Duration.ZERO, 0);

    private static final LeakReport EMPTY = new LeakReport("disabled", "disabled@0000000000000000", 0, 0, List.of());

    private NoopRefTrackerDir() {
    }

    @Override
    public RefTracker alloc() {
        return Tracker.NOOP;
    }

    @Override
    public RefTracker alloc(String holder) {
        return Tracker.NOOP;
    }

    /**
     * Accepts the shared no-op tracker; a {@code null} tracker or one of a tracking directory is
     * refused ({@code false}), as the interface says, but not reported: the disabled directory
     * records nothing.
     */
    @Override
    public boolean free(RefTracker tracker) {
        return tracker == Tracker.NOOP;
    }

    @Override
    public void allocUntracked() {
        // nothing is counted when tracking is off
    }

    @Override
    public void freeUntracked() {
        // nothing is counted when tracking is off
    }

    @Override
    public int liveCount() {
        return 0;
    }

    @Override
    public Stats stats() {
        return NONE;
    }

    @Override
    public String name() {
        return EMPTY.dirName();
    }

    @Override
    public String className() {
        return EMPTY.className();
    }

    @Override
    public RefTracking.Mode mode() {
        return RefTracking.Mode.OFF;
    }

    @Override
    public LeakReport report(int displayLimit) {
        Checks.displayLimit(displayLimit);
        return EMPTY;
    }

    @Override
    public void print(int displayLimit) {
        Checks.displayLimit(displayLimit);
    }

    @Override
    public boolean awaitReleased(Duration timeout) {
        Checks.timeout(timeout);
        return true;
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    @Override
    public void close() {
        // the shared directory is never closed
    }

    @Override
    public String toString() {
        return "RefTrackerDir[disabled]";
    }
}
