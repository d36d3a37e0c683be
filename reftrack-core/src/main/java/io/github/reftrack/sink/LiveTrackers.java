package io.github.reftrack.sink;

import io.github.reftrack.RefTrackerDir;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.TreeMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Emits the periodic {@link LiveTrackersEvent}: one event per directory class with open
 * directories.
 *
 * <p>{@link FlightRecorder#addPeriodicEvent} initialises JFR's metadata (about 200 ms on JDK 17),
 * which an application that never records should not pay. So the event is registered from a
 * {@link FlightRecorderListener} when the recorder initialises (at once if it already has); adding
 * the listener costs a few milliseconds and starts nothing.
 */
final class LiveTrackers implements FlightRecorderListener {
    private final Supplier<List<RefTrackerDir>> directories;

    private LiveTrackers(Supplier<List<RefTrackerDir>> directories) {
        this.directories = directories;
    }

    static void registerWhenRecorderStarts(Supplier<List<RefTrackerDir>> directories) {
        FlightRecorder.addListener(new LiveTrackers(directories));
    }

    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        FlightRecorder.addPeriodicEvent(LiveTrackersEvent.class, this::emit);
    }

    /**
     * Runs on JFR's periodic thread, only while a recording has the event enabled. Reads the
     * registry once, so the directory count and the reference sum of a class agree.
     */
    void emit() {
        Map<String, long[]> byClass = new TreeMap<>();
        for (RefTrackerDir dir : directories.get()) {
            long[] sums = byClass.computeIfAbsent(dir.className(), c -> new long[2]);
            sums[0]++;
            sums[1] += dir.liveCount();
        }
        byClass.forEach((className, sums) -> {
            LiveTrackersEvent event = new LiveTrackersEvent();
            event.className = className;
            event.directories = (int) sums[0];
            event.liveReferences = sums[1];
            event.commit();
        });
    }
}
