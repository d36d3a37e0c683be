package io.github.reftrack.absent;

import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;

/**
 * Run in a child JVM by {@link ContextSourcesTest}: takes two references in the default runtime,
 * whose context sources {@code -Dreftrack.context} names, and prints their report.
 */
public final class ContextMain {
    private ContextMain() {
    }

    /**
     * Takes two references and prints the directory's report.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        RefTrackerDir dir = RefTrackerDir.builder("request").mode(RefTracking.Mode.FULL).build();
        for (int i = 0; i < 2; i++) {
            dir.alloc();
        }
        System.out.print(dir.report(16));
        System.out.println("source=" + RefTracking.runtime().contextSource());
    }
}
