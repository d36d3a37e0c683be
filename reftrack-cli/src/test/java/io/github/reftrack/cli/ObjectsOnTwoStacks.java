package io.github.reftrack.cli;

import io.github.reftrack.RefTrackerDir;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JVM the dump-groups test looks at, run with {@code -Dreftrack.mode=full}: thirteen
 * {@code buffer} objects, each with a directory of its own as the agent gives every tracked
 * object, holding one reference each, ten taken on one call path and three on another; and three
 * {@code request} directories closed with a reference still held (three leaks reported), two on
 * one call path and one on another. Its log is silenced, the leaks are planted. Prints
 * {@code READY <pid>} and waits for standard input to close.
 */
public final class ObjectsOnTwoStacks {
    /** Strong, so the logging level set here is not collected with the logger. */
    static final Logger REFTRACK_LOG = Logger.getLogger("io.github.reftrack");
    /** Static so the registry, which holds directories weakly, keeps seeing them. */
    static final List<RefTrackerDir> OBJECTS = new ArrayList<>();

    private ObjectsOnTwoStacks() {
    }

    /**
     * Sets up the references and leaks, then waits.
     *
     * @param args ignored
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        REFTRACK_LOG.setLevel(Level.OFF);
        for (int i = 0; i < 10; i++) {
            cache(newBuffer());
        }
        for (int i = 0; i < 3; i++) {
            journal(newBuffer());
        }
        leakWhileParsing();
        leakWhileParsing();
        leakWhileFlushing();
        System.out.println(ChildJvm.READY + " " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
    }

    private static RefTrackerDir newBuffer() {
        RefTrackerDir buffer = RefTrackerDir.create("buffer", 0);
        OBJECTS.add(buffer);
        return buffer;
    }

    private static void cache(RefTrackerDir buffer) {
        buffer.alloc();
    }

    private static void journal(RefTrackerDir buffer) {
        buffer.alloc();
    }

    private static void leakWhileParsing() {
        RefTrackerDir request = RefTrackerDir.create("request", 0);
        request.alloc();
        request.close();
    }

    private static void leakWhileFlushing() {
        RefTrackerDir request = RefTrackerDir.create("request", 0);
        request.alloc();
        request.close();
    }
}
