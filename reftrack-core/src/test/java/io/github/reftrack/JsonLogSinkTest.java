package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.sink.JsonLogSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet log: one JSON object per line per event, thread-safe, never throwing. */
class JsonLogSinkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-24T14:00:00.123Z");

    @TempDir
    Path tmp;
    private Path file;
    private JsonLogSink sink;
    private final TestRuntime test = new TestRuntime();

    @BeforeEach
    void openSink() {
        file = tmp.resolve("events.jsonl");
        sink = new JsonLogSink(file.toString(), Clock.fixed(NOW, ZoneOffset.UTC));
        test.runtime.events().addSink(sink);
    }

    @AfterEach
    void closeSink() {
        sink.close();
    }

    private RefTrackerDir newDir(String className) {
        return test.directory(className).quarantine(4).mode(RefTracking.Mode.FULL).build();
    }

    private List<JsonNode> lines() throws IOException {
        try {
            assertThat(sink.flush(10, TimeUnit.SECONDS)).as("JSON log written").isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as("line %s", line).isTrue();
            nodes.add(node);
        }
        return nodes;
    }

    @Test
    void leakIsOneLineWithReportFingerprintsAndFrames() throws IOException {
        RefTrackerDir dir = newDir("json_leak");
        dir.alloc();
        dir.alloc("cache");
        LeakReport expected = dir.report(16);
        dir.close();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode leak = lines.get(0);
        assertThat(leak.get("timestamp").asText()).isEqualTo("2026-11-24T14:00:00.123Z");
        assertThat(leak.get("event").asText()).isEqualTo("leak");
        assertThat(leak.get("className").asText()).isEqualTo("json_leak");
        assertThat(leak.get("dirName").asText()).isEqualTo(dir.name());
        assertThat(leak.get("totalUsers").asInt()).isEqualTo(2);
        assertThat(leak.get("skippedUsers").asInt()).isZero();
        List<String> fingerprints = new ArrayList<>();
        leak.get("fingerprints").forEach(f -> fingerprints.add(f.asText()));
        assertThat(expected.groups()).hasSize(2);
        assertThat(fingerprints).as("two allocation lines in one method: one call path")
                .containsExactly(expected.groups().get(0).fingerprint());
        JsonNode firstFrame = leak.get("groups").get(0).get("frames").get(0);
        assertThat(firstFrame.get("class").asText()).isEqualTo(JsonLogSinkTest.class.getName());
        assertThat(firstFrame.get("method").asText()).isEqualTo("leakIsOneLineWithReportFingerprintsAndFrames");
        assertThat(JSON.readTree(expected.toJson()).get("groups")).isEqualTo(leak.get("groups"));
    }

    @Test
    void doubleReleaseCarriesFingerprintsOfAllThreeStacks() throws IOException {
        RefTrackerDir dir = newDir("json_double");
        RefTracker tracker = dir.alloc();
        dir.free(tracker);
        dir.free(tracker);
        dir.close();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode event = lines.get(0);
        assertThat(event.get("event").asText()).isEqualTo("doubleRelease");
        assertThat(event.get("className").asText()).isEqualTo("json_double");
        assertThat(event.get("holder").isNull()).isTrue();
        assertThat(event.get("allocatedAt").get(0).get("method").asText())
                .isEqualTo("doubleReleaseCarriesFingerprintsOfAllThreeStacks");
        assertThat(event.get("fingerprint").asText()).isEqualTo(Stack.fingerprintOf(frames(event.get("allocatedAt"))))
                .matches("[0-9a-f]{16}");
        assertThat(event.get("secondReleaseFingerprint").asText())
                .isEqualTo(Stack.fingerprintOf(frames(event.get("releasedAgainAt"))));
        assertThat(event.get("releasedAgainAt").get(0).get("line").asInt())
                .isGreaterThan(event.get("firstReleasedAt").get(0).get("line").asInt());
    }

    @Test
    void lostStuckAndMisuseEachWriteOneLine() throws IOException {
        List<StackTraceElement> at = List.of(new StackTraceElement("com.example.Pool", "get", "Pool.java", 10));
        sink.accept(new LostReference("pool", "pool@0000000000000001", "cache", at,
                Stack.fingerprintOf(at)));
        RefTrackerDir dir = newDir("json_misuse");
        dir.free(null);
        dir.close();
        LeakReport holder = new LeakReport("pool", "pool@0000000000000001", 1, 0,
                List.of(new LeakReport.Group(1, at, Stack.fingerprintOf(at), List.of())));
        sink.accept(new StuckTeardown("pool shutdown", Duration.ofMillis(1500), 1, List.of(holder)));

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(n -> n.get("event").asText())
                .containsExactly("lostReference", "misuse", "teardownStuck");
        assertThat(lines.get(0).get("fingerprint").asText()).isEqualTo(Stack.fingerprintOf(at));
        assertThat(lines.get(0).get("holder").asText()).isEqualTo("cache");
        assertThat(lines.get(0).get("allocatedAt").get(0).get("file").asText()).isEqualTo("Pool.java");
        assertThat(lines.get(1).get("kind").asText()).isEqualTo("NULL_TRACKER");
        assertThat(lines.get(1).get("className").asText()).isEqualTo("json_misuse");
        assertThat(lines.get(2).get("waitedMillis").asLong()).isEqualTo(1500);
        assertThat(lines.get(2).get("remaining").asLong()).isEqualTo(1);
        assertThat(lines.get(2).get("holders").get(0)).isEqualTo(JSON.readTree(holder.toJson()));
    }

    @Test
    void concurrentEventsEachGetACompleteLine() throws Exception {
        int threads = 4;
        int perThread = 100;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String holder = "thread-" + t;
            done.add(pool.submit(() -> {
                start.await();
                List<StackTraceElement> at = List.of(new StackTraceElement("C", "m", "C.java", 1));
                for (int i = 0; i < perThread; i++) {
                    sink.accept(new LostReference("c", "c@0000000000000002", holder, at, "0123456789abcdef"));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(threads * perThread);
        for (int t = 0; t < threads; t++) {
            String holder = "thread-" + t;
            assertThat(lines).filteredOn(n -> n.get("holder").asText().equals(holder)).hasSize(perThread);
        }
    }

    @Test
    void unwritablePathWarnsOnceNamingThePathThenDisables() throws IOException {
        Path notAFile = Files.createDirectory(tmp.resolve("a-directory"));
        JsonLogSink broken = new JsonLogSink(notAFile.toString());
        List<StackTraceElement> at = List.of(new StackTraceElement("C", "m", "C.java", 1));
        LostReference event = new LostReference("c", "c@0000000000000003", null, at, "0123456789abcdef");
        try (LogCapture log = new LogCapture()) {
            broken.accept(event);
            broken.accept(event);
            try {
                broken.flush(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }

            assertThat(log.messages()).hasSize(1);
            assertThat(log.messages().get(0)).contains("-Dreftrack.jsonLog=" + notAFile)
                    .contains("FileNotFoundException");
        }
        assertThat(broken.isDisabled()).isTrue();
    }

    private static List<StackTraceElement> frames(JsonNode array) {
        List<StackTraceElement> frames = new ArrayList<>();
        array.forEach(f -> frames.add(new StackTraceElement(f.get("class").asText(), f.get("method").asText(),
                f.get("file").asText(), f.get("line").asInt())));
        return frames;
    }
}
