package io.github.reftrack.cli;

import io.github.reftrack.EventJson;
import io.github.reftrack.RefTrackerEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads reftrack's events from a JFR recording ({@code jcmd PID JFR.dump}, {@code -XX:StartFlightRecording}):
 * each {@code io.github.reftrack.*} event carries the event's JSON in its {@code json} field,
 * which the core decodes into the same record the process logged, so the text is the same. Events
 * of the periodic {@code LiveTrackers} kind carry no stacks and are left out. Stateless.
 */
final class JfrInput {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};
    private static final String PREFIX = "io.github.reftrack.";
    /** Event names that mean something went wrong, as in {@link ReportJson}. */
    private static final Set<String> PROBLEMS = Set.of("leak", "abandonedDirectory", "lostReference",
            "doubleRelease", "teardownStuck", "longHeld");

    private JfrInput() {
    }

    /** Whether the file starts as a JFR recording does. */
    static boolean isRecording(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** The recording's reftrack events, in time order. */
    static ReportJson.Input read(Path file, String where) {
        List<RecordedEvent> recorded;
        try {
            recorded = new ArrayList<>(RecordingFile.readAllEvents(file));
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, where + " is not a readable JFR recording: " + e.getMessage(), e);
        }
        recorded.sort(Comparator.comparing(RecordedEvent::getStartTime));
        List<ReportJson.Item> items = new ArrayList<>();
        boolean problems = false;
        for (RecordedEvent event : recorded) {
            if (!event.getEventType().getName().startsWith(PREFIX) || !event.hasField("json")) {
                continue;
            }
            RefTrackerEvent decoded;
            try {
                decoded = EventJson.read(event.getString("json"));
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, where + ": a " + event.getEventType().getName()
                        + " event is not reftrack JSON: " + e.getMessage(), e);
            }
            problems |= PROBLEMS.contains(decoded.eventName());
            items.add(new ReportJson.Item("# " + decoded.eventName() + " at " + event.getStartTime(), decoded, null));
        }
        return new ReportJson.Input(items, problems, List.of());
    }
}
