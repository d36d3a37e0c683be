package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.EventJson;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a clean run of a correct program must (not) print, with or without the agent's exit report. */
final class Reports {
    private Reports() {
    }

    /** No leak, no double release, no misuse, no long hold, nothing outstanding: the exit report found nothing. */
    static void assertNothingReported(String output) {
        assertThat(output).as("child output")
                .doesNotContain("leaked references").doesNotContain("the same leak again")
                .doesNotContain("reference already released").doesNotContain("after close")
                .doesNotContain("LEAK:").doesNotContain("SEVERE").doesNotContain("Exception")
                .doesNotContain("past the hold threshold");
        String report = Child.exitReport(output);
        assertThat(report).as("exit report").startsWith("reftrack-agent at exit: no leaks found by the GC\n")
                .doesNotContain("still outstanding").doesNotContain("kept alive only by");
    }

    /** The events a child JVM wrote to its JSON event log ({@code -Dreftrack.jsonLog}); none if it wrote no file. */
    static List<RefTrackerEvent> events(Path json) throws IOException {
        List<RefTrackerEvent> events = new ArrayList<>();
        if (Files.exists(json)) {
            for (String line : Files.readAllLines(json)) {
                events.add(EventJson.read(line));
            }
        }
        return events;
    }

    /**
     * Asserts that a child's events are exactly the leaks of {@code objects} objects of one class,
     * each reference taken at {@code frame}: one event per object with one reference, and one exit
     * summary counting them all, which is returned for further checks.
     */
    static LeakReport assertLeaksAt(List<RefTrackerEvent> events, String className, String frame, int objects) {
        assertThat(events).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(LeakReport.class,
                leak -> assertThat(leak.className()).isEqualTo(className)));
        List<LeakReport> leaks = events.stream().map(LeakReport.class::cast).toList();
        assertThat(leaks).allSatisfy(leak -> assertThat(leak.groups()).singleElement()
                .satisfies(group -> assertThat(group.frames().get(0)).hasToString(frame)));
        assertThat(leaks.stream().filter(leak -> !leak.isExitSummary())).hasSize(objects)
                .allSatisfy(leak -> assertThat(leak.groups().get(0).objects()).isEqualTo(1))
                .allSatisfy(leak -> assertThat(leak.totalUsers()).isEqualTo(1));
        List<LeakReport> totals = leaks.stream().filter(LeakReport::isExitSummary).toList();
        assertThat(totals).singleElement()
                .satisfies(total -> assertThat(total.groups().get(0).objects()).isEqualTo(objects));
        return totals.get(0);
    }
}
