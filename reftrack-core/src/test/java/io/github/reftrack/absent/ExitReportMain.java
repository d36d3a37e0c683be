package io.github.reftrack.absent;

import io.github.reftrack.RefTrackerDir;

/**
 * Run in a child JVM by {@code HonestSamplingTest}: leaves one directory open with a live
 * reference and exits, so {@code -Dreftrack.reportAtExit=on} has something to report.
 */
public final class ExitReportMain {
    private static RefTrackerDir open;

    private ExitReportMain() {
    }

    /**
     * Takes a reference and exits without releasing it.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        open = RefTrackerDir.create("exit_report", 0);
        open.alloc();
        System.out.println("exiting with " + open.liveCount() + " reference held");
    }
}
