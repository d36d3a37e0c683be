package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.EventJson;
import io.github.reftrack.LongHeld;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reference held past the hold threshold is reported once, in every sink, with the line that
 * took it; references given back at once are not; bad thresholds say so once and change nothing.
 */
class HoldThresholdIT {
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";
    private static final String APP = "example.generic.HoldApp";

    @Test
    void oneReferenceHeldPastOneSecond_isOneLongHeldEventInEverySink(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        Path jfr = dir.resolve("events.jfr");
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC + ",holdThreshold=1s"),
                "-Dreftrack.jsonLog=" + json, "-XX:StartFlightRecording=filename=" + jfr + ",settings=default"),
                Child.classpath(null), APP, "200");

        assertThat(output).contains("mxbean longHeld 1");
        List<String> lines = Files.readAllLines(json);
        assertThat(lines).hasSize(1);
        LongHeld held = (LongHeld) EventJson.read(lines.get(0));
        assertThat(held.className()).isEqualTo("lease");
        assertThat(held.age()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(held.threshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(held.context()).isEqualTo("thread main");
        assertThat(held.acquisition().frames().get(0).toString()).startsWith("example.generic.HoldApp.holdOne(");
        assertThat(output).contains("WARNING: " + held).containsOnlyOnce("past the hold threshold");
        assertThat(jfrLongHeld(jfr)).containsExactly(held);
        Reports.assertNothingReported(output.replace(held.toString(), ""));
    }

    @Test
    void referencesGivenBackQuickly_reportNothing_withAThresholdSet() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.holdThreshold=30s"),
                Child.classpath(null), "example.generic.LeaseApp", "1000", "0");

        Reports.assertNothingReported(output);
    }

    @Test
    void badThreshold_isOneClearMessage_andTheFeatureOff() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.holdThreshold=abc"),
                Child.classpath(null), "example.generic.LeaseApp", "1000", "0");

        assertThat(output).containsOnlyOnce("-Dreftrack.holdThreshold=abc is not a hold threshold: write a whole number"
                + " above 0 with ms, s, m or h, e.g. 30s; references held long are not reported")
                .doesNotContain("Exception").doesNotContain("\tat ");
        Reports.assertNothingReported(output);
    }

    @Test
    void aBuiltInProfilesOwnThreshold_reportsItsBufferHeldLong(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty,holdThreshold.netty=1s"),
                "-Dreftrack.jsonLog=" + json), Child.classpath("netty42"), "example.netty.HeldBufferApp", "1000",
                "60000");

        assertThat(output).contains("mxbean longHeld 1");
        List<String> lines = Files.readAllLines(json);
        assertThat(lines).hasSize(1);
        LongHeld held = (LongHeld) EventJson.read(lines.get(0));
        assertThat(held.className()).isEqualTo("netty_bytebuf");
        assertThat(held.threshold()).isEqualTo(Duration.ofSeconds(1));
        assertThat(held.acquisition().frames().get(0).toString())
                .startsWith("example.netty.HeldBufferApp.holdOne(");
        Reports.assertNothingReported(output.replace(held.toString(), ""));
    }

    @Test
    void aThresholdForAProfileNotTracked_saysSoOnce_andReportsNothing() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty,holdThreshold.lucene=1s")),
                Child.classpath("netty42"), "example.netty.HeldBufferApp", "1000", "2500");

        assertThat(output).contains("mxbean longHeld 0").containsOnlyOnce("holdThreshold.lucene=1s names profile"
                + " lucene, which is not tracked: add lucene to the argument; ignored");
        Reports.assertNothingReported(output);
    }

    private static List<RefTrackerEvent> jfrLongHeld(Path recording) throws Exception {
        List<RefTrackerEvent> events = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("io.github.reftrack.LongHeld")) {
                events.add(EventJson.read(event.getString("json")));
            }
        }
        return events;
    }
}
