package io.github.reftrack.sink;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Runs reftrack's exit reports from JFR before a recording dumped at exit writes its last chunk.
 * JFR's shutdown hook and reftrack's run side by side, in no set order, and JFR's would otherwise
 * close the recording before the exit events are committed. At the end of every chunk JFR calls
 * the periodic hook of {@link ExitReportEvent}; only when the JVM is shutting down does the hook
 * run the reports (the runtime runs them once, whichever hook comes first, and the other waits)
 * and commit the event.
 *
 * <p>Registered from a {@link FlightRecorderListener} when the recorder initialises, as
 * {@link LiveTrackers} is: an application that never records pays nothing. Thread-safe.
 */
final class ExitReports implements FlightRecorderListener {
    private final List<Runnable> reports = new CopyOnWriteArrayList<>();

    private ExitReports() {
    }

    static ExitReports register() {
        ExitReports exitReports = new ExitReports();
        FlightRecorder.addListener(exitReports);
        return exitReports;
    }

    void add(Runnable report) {
        reports.add(report);
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        FlightRecorder.addPeriodicEvent(ExitReportEvent.class, this::endOfChunk);
    }

    private void endOfChunk() {
        if (!shuttingDown() || reports.isEmpty()) {
            return;
        }
        for (Runnable report : reports) {
            report.run();
        }
        new ExitReportEvent().commit();
    }

    /** Whether the JVM runs its shutdown hooks: then no hook can be removed any more. */
    private static boolean shuttingDown() {
        try {
            Runtime.getRuntime().removeShutdownHook(new Thread(() -> { }));
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
