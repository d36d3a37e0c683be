package io.github.reftrack.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.EventJson;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefContext;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import io.github.reftrack.StuckTeardown;
import io.github.reftrack.internal.capture.Stack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JFR events, recorded for real and read back from the dumped file. Leaks and double releases
 * go through a directory and reftrack's event delivery; lost references and stuck teardowns are
 * handed to the sink directly (their detection is tested in the core suites).
 */
class JfrEventsTest {
    @TempDir
    Path tmp;

    private static RefTrackerDir newDir(String className) {
        return RefTrackerDir.builder(className).quarantine(4).mode(RefTracking.Mode.FULL).build();
    }

    private List<RecordedEvent> record(String eventName, Runnable workload) throws IOException {
        Path file = tmp.resolve("recording.jfr");
        try (Recording recording = new Recording()) {
            recording.enable(eventName);
            recording.start();
            workload.run();
            recording.stop();
            recording.dump(file);
        }
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(eventName)).toList();
    }

    @Test
    void leakEventCarriesCountsFingerprintsReportAndClosingStack() throws IOException {
        List<LeakReport> reports = new CopyOnWriteArrayList<>();
        RefTrackerListener collect = new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                reports.add(report);
            }
        };
        RefTracking.Registration registration = RefTracking.addListener(collect);
        List<RecordedEvent> events;
        try {
            events = record("io.github.reftrack.Leak", () -> {
                RefTrackerDir dir = newDir("jfr_leak");
                dir.alloc();
                dir.alloc("cache");
                dir.close();
            });
        } finally {
            registration.close();
        }

        assertThat(events).hasSize(1);
        RecordedEvent leak = events.get(0);
        LeakReport report = reports.get(0);
        assertThat(leak.getString("className")).isEqualTo("jfr_leak");
        assertThat(leak.getString("dirName")).isEqualTo(report.dirName());
        assertThat(leak.getInt("totalUsers")).isEqualTo(2);
        assertThat(leak.getInt("skippedUsers")).isZero();
        assertThat(leak.getInt("groups")).isEqualTo(2);
        assertThat(leak.getString("fingerprints")).isEqualTo(report.groups().stream()
                .map(LeakReport.Group::fingerprint).distinct().collect(Collectors.joining(",")))
                .as("two allocation lines in one method: one call path").doesNotContain(",");
        assertThat(leak.getString("report")).isEqualTo(report.toString()).contains("held by: cache");
        assertThat(EventJson.read(leak.getString("json"))).isEqualTo(report);
        assertThat(leak.getStackTrace().getFrames()).extracting(RecordedFrame::getMethod)
                .extracting(m -> m.getName())
                .contains("leakEventCarriesCountsFingerprintsReportAndClosingStack");
    }

    @Test
    void doubleReleaseEventCarriesTheThreeStacksAsStructuredJson() throws IOException {
        List<RecordedEvent> events = record("io.github.reftrack.DoubleRelease", () -> {
            RefTrackerDir dir = newDir("jfr_double");
            RefTracker tracker = dir.alloc("pool");
            dir.free(tracker);
            dir.free(tracker);
            dir.close();
        });

        assertThat(events).hasSize(1);
        RecordedEvent event = events.get(0);
        assertThat(event.getString("className")).isEqualTo("jfr_double");
        assertThat(event.getString("holder")).isEqualTo("pool");
        assertThat(event.getBoolean("pastQuarantine")).isFalse();
        assertThat(event.getString("fingerprint")).matches("[0-9a-f]{16}");
        DoubleRelease back = (DoubleRelease) EventJson.read(event.getString("json"));
        assertThat(back.allocatedAt().get(0).getMethodName())
                .startsWith("lambda$doubleReleaseEventCarriesTheThreeStacksAsStructuredJson$");
        assertThat(back.firstReleasedAt()).isNotEqualTo(back.releasedAgainAt());
    }

    @Test
    void leakAndDoubleReleaseEventsShowTheContextTag() throws IOException {
        List<RecordedEvent> leaks;
        List<RecordedEvent> releases;
        RefContext.Binding binding = RefContext.bind("JfrTest.tags()");
        try {
            leaks = record("io.github.reftrack.Leak", () -> {
                RefTrackerDir dir = newDir("jfr_tagged");
                dir.alloc();
                dir.close();
            });
            releases = record("io.github.reftrack.DoubleRelease", () -> {
                RefTrackerDir dir = newDir("jfr_tagged");
                RefTracker tracker = dir.alloc();
                dir.free(tracker);
                dir.free(tracker);
                dir.close();
            });
        } finally {
            binding.close();
        }

        assertThat(leaks).singleElement().satisfies(leak -> assertThat(leak.getString("report"))
                .contains("users at\n  taken during: JfrTest.tags() (1)\n"));
        assertThat(releases).singleElement().satisfies(release -> {
            assertThat(release.getString("context")).isEqualTo("JfrTest.tags()");
            assertThat(((DoubleRelease) EventJson.read(release.getString("json"))).context())
                    .isEqualTo("JfrTest.tags()");
        });
    }

    @Test
    void lostReferenceEventHasNoStackOfItsOwn() throws IOException {
        List<StackTraceElement> at = List.of(new StackTraceElement("com.example.Pool", "get", "Pool.java", 10));
        LostReference lost = new LostReference("pool", "pool@0000000000000001", null, at, Stack.fingerprintOf(at));
        JfrSink sink = new JfrSink();
        List<RecordedEvent> events = record("io.github.reftrack.LostReference", () -> sink.accept(lost));

        assertThat(events).hasSize(1);
        assertThat(EventJson.read(events.get(0).getString("json"))).isEqualTo(lost);
        assertThat(events.get(0).getString("fingerprint")).isEqualTo(Stack.fingerprintOf(at));
        assertThat(events.get(0).getStackTrace()).isNull();
    }

    @Test
    void teardownStuckEventCarriesWaitAndHolders() throws IOException {
        List<StackTraceElement> at = List.of(new StackTraceElement("com.example.Pool", "get", "Pool.java", 10));
        LeakReport holder = new LeakReport("pool", "pool@0000000000000001", 3, 0,
                List.of(new LeakReport.Group(3, at, Stack.fingerprintOf(at), List.of())));
        StuckTeardown stuck = new StuckTeardown("pool shutdown", Duration.ofSeconds(5), 3, List.of(holder));
        List<RecordedEvent> events = record("io.github.reftrack.TeardownStuck", () -> new JfrSink().accept(stuck));

        assertThat(events).hasSize(1);
        RecordedEvent event = events.get(0);
        assertThat(event.getString("what")).isEqualTo("pool shutdown");
        assertThat(event.getDuration("waited")).isEqualTo(Duration.ofSeconds(5));
        assertThat(event.getLong("remaining")).isEqualTo(3);
        assertThat(event.getInt("directories")).isEqualTo(1);
        assertThat(EventJson.read(event.getString("json"))).isEqualTo(stuck);
    }

    @Test
    void liveTrackersEventCountsOpenDirectoriesAndReferencesPerClass() throws IOException {
        RefTrackerDir first = newDir("jfr_live");
        RefTrackerDir second = newDir("jfr_live");
        RefTracker one = first.alloc();
        RefTracker two = first.alloc();
        RefTracker three = second.alloc();
        try {
            assertThat(Jfr.addPeriodicEvent(RefTracking.registry()::directories)).isTrue();
            List<RecordedEvent> events = record("io.github.reftrack.LiveTrackers", () -> { })
                    .stream().filter(e -> e.getString("className").equals("jfr_live")).toList();

            assertThat(events).isNotEmpty().allSatisfy(event -> {
                assertThat(event.getInt("directories")).isEqualTo(2);
                assertThat(event.getLong("liveReferences")).isEqualTo(3);
            });
        } finally {
            first.free(one);
            first.free(two);
            second.free(three);
            first.close();
            second.close();
        }
    }
}
