package io.github.reftrack.cli;

import io.github.reftrack.CallStack;
import io.github.reftrack.LongHeld;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM the long-held dump test looks at, run with {@code -Dreftrack.mode=full}: one
 * {@code pool} directory holding one reference, reported as held past a 1 s threshold (what the
 * agent's scan publishes). Prints {@code READY <pid>} and waits for standard input to close.
 */
public final class HoldingPastThreshold {
    /** Static so the registry, which holds directories weakly, keeps seeing it. */
    static final RefTrackerDir POOL = RefTrackerDir.create("pool", 0);
    static final RefTracker HELD = POOL.alloc();
    /** Kept, so its level holds: the planted event's WARNING stays off the build's console. */
    static final Logger QUIET = Logger.getLogger("io.github.reftrack");

    private HoldingPastThreshold() {
    }

    /**
     * Publishes the event and waits.
     *
     * @param args ignored
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        QUIET.setLevel(Level.OFF);
        RefTracking.runtime().publish(new LongHeld("pool", POOL.name(), null, "thread main", Duration.ofSeconds(2),
                Duration.ofSeconds(1), CallStack.of(List.of(new StackTraceElement(
                        HoldingPastThreshold.class.getName(), "main", "HoldingPastThreshold.java", 1)))));
        System.out.println(ChildJvm.READY + " " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
    }
}
