package io.github.reftrack.cli;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JVM the dump and ps tests look at, run with {@code -Dreftrack.mode=full}: two
 * {@code connection} directories and one {@code session} directory holding references from three
 * call paths, one with a holder name. Prints {@code READY <pid>} and waits for standard input to
 * close.
 */
public final class HoldingReferences {
    /** Static so the registry, which holds directories weakly, keeps seeing them. */
    static final List<RefTrackerDir> DIRECTORIES = new ArrayList<>();
    static final List<RefTracker> HELD = new ArrayList<>();

    private HoldingReferences() {
    }

    /**
     * Sets up the references and waits.
     *
     * @param args ignored
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        RefTrackerDir first = RefTrackerDir.create("connection", 4);
        RefTrackerDir second = RefTrackerDir.create("connection", 4);
        RefTrackerDir sessions = RefTrackerDir.create("session", 0);
        DIRECTORIES.addAll(List.of(first, second, sessions));
        openStreams(first, 2);
        openStreams(second, 1);
        HELD.add(first.alloc("pool<main>"));
        HELD.add(sessions.alloc());
        System.out.println(ChildJvm.READY + " " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
    }

    private static void openStreams(RefTrackerDir dir, int count) {
        for (int i = 0; i < count; i++) {
            HELD.add(dir.alloc());
        }
    }
}
