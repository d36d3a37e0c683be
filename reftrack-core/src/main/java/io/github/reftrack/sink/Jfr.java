package io.github.reftrack.sink;

import io.github.reftrack.RefTrackerDir;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Entry point of the JFR sink, safe to call when the {@code jdk.jfr} module is absent: it checks
 * first and then touches no JFR type. Not API (this package is not exported).
 *
 * <p>Every event except {@code LiveTrackers} and {@code ExitReport} carries the whole event as JSON in its {@code json}
 * field, which {@code reftrack report recording.jfr} reads back.
 *
 * <p>The events are {@code io.github.reftrack.Leak}, {@code .DoubleRelease},
 * {@code .LostReference}, {@code .LongHeld}, {@code .TeardownStuck}, {@code .Misuse} (all enabled
 * by default, with stack traces except {@code LostReference} and {@code LongHeld}), the periodic {@code .LiveTrackers}
 * ({@code everyChunk} by default) and {@code .ExitReport} (once, at exit, after the exit
 * reports), in category {@code reftrack}. Thread-safe.
 */
public final class Jfr {
    /** Guarded by {@code Jfr.class}. */
    private static boolean periodicAdded;
    /** Guarded by {@code Jfr.class}; null until the first {@link #beforeRecordingsCloseAtExit}. */
    private static ExitReports exitReports;

    private Jfr() {
    }

    /**
     * Returns whether this module can use {@code jdk.jfr}: the module is in the layer and read.
     *
     * @return {@code true} if JFR types can be loaded and linked from here
     */
    public static boolean available() {
        try {
            Class<?> event = Class.forName("jdk.jfr.Event", false, Jfr.class.getClassLoader());
            return Jfr.class.getModule().canRead(event.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns the sink that emits reftrack's JFR events, if JFR can be used.
     *
     * @return the sink, or empty when {@code jdk.jfr} is not available
     */
    public static Optional<EventSink> sink() {
        return available() ? Optional.of(new JfrSink()) : Optional.empty();
    }

    /**
     * Arranges, once, for the periodic {@code io.github.reftrack.LiveTrackers} event to be
     * registered when the flight recorder initialises (at once if it already has). Cheap when no
     * recording ever starts. Does nothing when JFR is not available.
     *
     * @param directories the open directories of the runtime the event describes
     * @return {@code true} if the event is (now or already) arranged for
     */
    public static synchronized boolean addPeriodicEvent(Supplier<List<RefTrackerDir>> directories) {
        if (!periodicAdded && available()) {
            LiveTrackers.registerWhenRecorderStarts(directories);
            periodicAdded = true;
        }
        return periodicAdded;
    }

    /**
     * Runs {@code report} at JVM exit before a JFR recording dumped at exit writes its last chunk,
     * so that the events it publishes are in the recording: JFR's shutdown hook and the caller's
     * run in no set order. The report must be safe to run twice or from two threads (the caller's
     * shutdown hook runs it too; see the runtime's exit reports, which run once and make the
     * second caller wait). Cheap when no recording ever starts. Does nothing when JFR is not
     * available.
     *
     * @param report what to run, on JFR's shutdown thread
     * @return {@code true} if the report is arranged for
     */
    public static synchronized boolean beforeRecordingsCloseAtExit(Runnable report) {
        if (!available()) {
            return false;
        }
        if (exitReports == null) {
            exitReports = ExitReports.register();
        }
        exitReports.add(report);
        return true;
    }
}
