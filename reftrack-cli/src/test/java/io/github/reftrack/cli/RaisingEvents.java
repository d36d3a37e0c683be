package io.github.reftrack.cli;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;

/**
 * A JVM for the JSON-log round trip, run with {@code -Dreftrack.mode=full} and
 * {@code -Dreftrack.jsonLog}: closes a directory with a reference still held (a leak), releases
 * a reference twice (a double release), then exits.
 */
public final class RaisingEvents {

    private RaisingEvents() {
    }

    /**
     * Raises the events and exits.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        leak();
        releaseTwice();
    }

    private static void leak() {
        RefTrackerDir connection = RefTrackerDir.create("connection", 0);
        connection.alloc("pool");
        connection.close();
    }

    private static void releaseTwice() {
        RefTrackerDir session = RefTrackerDir.create("session", 4);
        RefTracker tracker = session.alloc();
        session.free(tracker);
        session.free(tracker);
        session.close();
    }
}
