package io.github.reftrack;

/** Distinct call sites, so tests can tell stacks apart by their top frame. */
final class Sites {
    private Sites() {
    }

    static RefTracker siteX(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker siteY(RefTrackerDir dir) {
        return dir.alloc();
    }

    static RefTracker siteHolder(RefTrackerDir dir, String holder) {
        return dir.alloc(holder);
    }

    static RefTracker site(int i, RefTrackerDir dir) {
        return SelfTestSites.alloc(i, dir);
    }

    static boolean freeSiteF1(RefTrackerDir dir, RefTracker tracker) {
        return dir.free(tracker);
    }

    static boolean freeSiteF2(RefTrackerDir dir, RefTracker tracker) {
        return dir.free(tracker);
    }

    /** Allocates from {@code depth} frames below the caller. */
    static RefTracker deep(RefTrackerDir dir, int depth) {
        return depth <= 1 ? dir.alloc() : deep(dir, depth - 1);
    }

    /** The method name of a tracker's top frame in reports. */
    static String top(java.util.List<StackTraceElement> frames) {
        return frames.isEmpty() ? "" : frames.get(0).getMethodName();
    }
}
