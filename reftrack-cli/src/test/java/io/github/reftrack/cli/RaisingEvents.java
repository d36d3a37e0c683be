package io.github.reftrack.cli;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;

/**
 * A JVM for the event-log round trips, run with {@code -Dreftrack.mode=full},
 * {@code -Dreftrack.jsonLog} and a JFR recording: closes a directory with a reference still held
 * (a leak, taken through a generic handler whose bridge method must not show), releases a
 * reference twice (a double release), releases one after close (a misuse, and a double release),
 * then exits.
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
        releaseAfterClose();
    }

    private static void leak() {
        RefTrackerDir connection = RefTrackerDir.create("connection", 0);
        new PoolHandler().deliver(connection);
        connection.close();
    }

    private static void releaseTwice() {
        RefTrackerDir session = RefTrackerDir.create("session", 4);
        RefTracker tracker = session.alloc();
        session.free(tracker);
        session.free(tracker);
        session.close();
    }

    private static void releaseAfterClose() {
        RefTrackerDir channel = RefTrackerDir.create("channel", 0);
        RefTracker tracker = channel.alloc();
        channel.free(tracker);
        channel.close();
        channel.free(tracker);
    }

    /** A generic handler, as Netty's {@code SimpleChannelInboundHandler}. */
    abstract static class Handler<T> {
        void deliver(T message) {
            handle(message);
        }

        abstract void handle(T message);
    }

    /** Its subclass: javac adds a bridge {@code handle(Object)} at the class's line. */
    static final class PoolHandler extends Handler<RefTrackerDir> {
        @Override
        void handle(RefTrackerDir directory) {
            directory.alloc("pool");
        }
    }
}
