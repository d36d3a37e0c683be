package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.EventJson;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every leaked object reaches every sink as one {@code leak} event, the exit totals as one event
 * per stack, and the log stays short: 7 leases leaked on one stack and 3 on another.
 */
class LeakEventsIT {
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";
    private static final String HERE = "example.generic.TwoStacksApp.leakHere(";
    private static final String THERE = "example.generic.TwoStacksApp.leakThere(";
    private static final String AT_EXIT = "lease at exit";

    @Test
    void everySinkCountsEachLeakedObject_andTheLogSaysEachStackOnce(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        Path jfr = dir.resolve("events.jfr");
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.jsonLog=" + json,
                "-XX:StartFlightRecording=filename=" + jfr + ",settings=default"), Child.classpath(null),
                "example.generic.TwoStacksApp", "7", "3");

        assertThat(output).contains("mxbean leaks 10").contains("properties reftrack.mode=null reftrack.hide=null");
        List<LeakReport> logged = leaks(Files.readAllLines(json));
        assertThat(perObject(logged)).containsExactly(Map.entry(HERE, 7), Map.entry(THERE, 3));
        assertThat(atExit(logged)).containsExactly(Map.entry(HERE, 7), Map.entry(THERE, 3));
        assertThat(perObject(jfrLeaks(jfr))).containsExactly(Map.entry(HERE, 7), Map.entry(THERE, 3));
        // the recording is dumped at exit after the exit summary's events, not before
        assertThat(atExit(jfrLeaks(jfr))).containsExactly(Map.entry(HERE, 7), Map.entry(THERE, 3));
        assertThat(jfrEvents(jfr, "io.github.reftrack.ExitReport")).hasSize(1);
        String report = Child.exitReport(output);
        assertThat(report).startsWith("reftrack-agent at exit: 2 distinct leak(s) found by the GC\n")
                .contains("lease at exit: 7 object(s) leaked 14 reference(s) at\n  acquire site: 7 taken, 0 released\n"
                        + "     " + HERE)
                .contains("lease at exit: 3 object(s) leaked 6 reference(s) at\n  acquire site: 3 taken, 0 released\n"
                        + "     " + THERE);
        // a run of well under 10 s: each stack is logged once, in full
        assertThat(output.lines().filter(line -> line.startsWith("SEVERE"))).hasSize(2);
        assertThat(output).contains("  objects: 1\n").doesNotContain("the same leak again");
        // what `reftrack report` prints for a JSON line is the decoded event's toString(): the logged text
        assertThat(output).contains("SEVERE: " + firstOn(HERE, logged)).contains("SEVERE: " + firstOn(THERE, logged));
    }

    @Test
    void repeatsAreLoggedAsOneLineWithTheRunningCount_whenTheIntervalHasPassed() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.agent.logInterval=0"),
                Child.classpath(null), "example.generic.TwoStacksApp", "7", "3");

        assertThat(output.lines().filter(line -> line.startsWith("SEVERE"))).hasSize(10);
        assertThat(output).contains("SEVERE: lease: 7 objects leaked so far on the stack first reported at " + HERE)
                .contains("SEVERE: lease: 3 objects leaked so far on the stack first reported at " + THERE)
                .contains(" (1 since the last line)");
    }

    /** Per stack (its top frame), the summed {@code objects} of the events of single objects. */
    private static Map<String, Integer> perObject(List<LeakReport> leaks) {
        Map<String, Integer> objects = new TreeMap<>();
        for (LeakReport leak : leaks) {
            if (!leak.dirName().equals(AT_EXIT)) {
                assertThat(leak.groups()).singleElement().extracting(LeakReport.Group::objects).isEqualTo(1);
                objects.merge(top(leak), leak.groups().get(0).objects(), Integer::sum);
            }
        }
        return objects;
    }

    /** Per stack, the {@code objects} of the exit summary's event. */
    private static Map<String, Integer> atExit(List<LeakReport> leaks) {
        Map<String, Integer> objects = new TreeMap<>();
        for (LeakReport leak : leaks) {
            if (leak.dirName().equals(AT_EXIT)) {
                assertThat(leak.pairing()).isNotNull();
                int total = leak.groups().get(0).objects();
                assertThat(leak.groups().get(0).balance()).isEqualTo(new LeakReport.SiteBalance(total, 0));
                assertThat(objects.put(top(leak), leak.groups().get(0).objects())).isNull();
            }
        }
        return objects;
    }

    private static String firstOn(String stack, List<LeakReport> leaks) {
        return leaks.stream().filter(leak -> top(leak).equals(stack)).findFirst().orElseThrow().toString();
    }

    private static String top(LeakReport leak) {
        String frame = leak.groups().get(0).frames().get(0).toString();
        return frame.substring(0, frame.indexOf('(') + 1);
    }

    private static List<LeakReport> leaks(List<String> lines) {
        List<LeakReport> leaks = new ArrayList<>();
        for (String line : lines) {
            RefTrackerEvent event = EventJson.read(line);
            assertThat(event).isInstanceOf(LeakReport.class);
            leaks.add((LeakReport) event);
        }
        return leaks;
    }

    private static List<LeakReport> jfrLeaks(Path recording) throws Exception {
        List<String> events = new ArrayList<>();
        for (RecordedEvent event : jfrEvents(recording, "io.github.reftrack.Leak")) {
            events.add(event.getString("json"));
        }
        return leaks(events);
    }

    private static List<RecordedEvent> jfrEvents(Path recording, String type) throws Exception {
        return RecordingFile.readAllEvents(recording).stream().filter(e -> e.getEventType().getName().equals(type))
                .toList();
    }
}
