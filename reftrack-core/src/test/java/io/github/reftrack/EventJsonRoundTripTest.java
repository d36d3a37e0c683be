package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every event kind survives JSON: event → JSON → event is equal, and its text identical. */
class EventJsonRoundTripTest {
    private static final StackTraceElement GET = new StackTraceElement("com.example.Pool", "get", "Pool.java", 10);
    private static final StackTraceElement PUT = new StackTraceElement("com.example.Pool", "put", null, -1);
    private static final StackTraceElement NATIVE = new StackTraceElement("com.example.Io", "read", null, -2);
    private static final CallStack TAKE = CallStack.of(List.of(GET, NATIVE));
    private static final CallStack GIVE = CallStack.of(List.of(PUT));
    private static final CallStack LIBRARY = new CallStack(List.of(new StackTraceElement("io.netty.Pool", "run",
            "Pool.java", 3)), "00112233aabbccdd", true);

    private static final LeakReport.Contexts TAGS = new LeakReport.Contexts(Map.of(
            "CacheTest.evicts()", 3, "CacheTest.loads()", 1, "trace 4bf92f3577b34da6a3ce929d0e0e4736", 1,
            "requestId=r-1", 1, "requestId=r-2", 1, "requestId=r\nSEVERE: forged", 1), 2);

    static Stream<RefTrackerEvent> events() {
        LeakReport plain = new LeakReport("pool", "pool@00000000c0ffee11", 3, 1, List.of(
                new LeakReport.Group(2, List.of(GET), "0123456789abcdef", List.of("cache"), Duration.ofSeconds(133),
                        Duration.ofMillis(4))), 7);
        LeakReport agent = new LeakReport("netty_bytebuf", "netty_bytebuf@0000000000000001", 5, 0, List.of(
                new LeakReport.Group(3, TAKE, List.of(), null, null, 3, new LeakReport.SiteBalance(10, 7)),
                new LeakReport.Group(2, LIBRARY, List.of(), Duration.ZERO, Duration.ZERO, 2, null)), 0,
                "same method or its callers first, else the oldest");
        LeakReport tagged = new LeakReport("cache", "cache@00000000000000cc", 10, 0, List.of(
                new LeakReport.Group(10, TAKE, List.of(), null, null, 0, null, TAGS)));
        return Stream.of(plain, agent, agent.withSampleInterval(64), tagged,
                new DoubleRelease("session", "session@00000000000000aa", null, TAKE, GIVE, GIVE, false, null,
                        "CacheTest.evicts()"),
                new AbandonedDirectory(plain, -2),
                new DoubleRelease("session", "session@00000000000000aa", "pool", TAKE, GIVE, GIVE, true, null),
                new DoubleRelease("session", "session@00000000000000aa", null, CallStack.EMPTY, CallStack.EMPTY, GIVE,
                        false, "the first release's stack could not be captured"),
                new LostReference("conn", "conn@0000000000000002", null, TAKE),
                new LostReference("conn", "conn@0000000000000002", "h\nSEVERE: forged", LIBRARY),
                new Misuse(Misuse.Kind.FOREIGN_TRACKER, "conn", "conn@0000000000000002", "wrong directory", GIVE),
                new Misuse(Misuse.Kind.CAPTURE_FAILED, "conn", "conn@0000000000000002", "no stack", CallStack.EMPTY),
                new StuckTeardown("pool shutdown", Duration.ofMillis(1500), 3, List.of(plain, agent)),
                new LongHeld("lease", "lease@0000000000000003", null, "thread main", Duration.ofMillis(1250),
                        Duration.ofSeconds(1), TAKE),
                new LongHeld("lease", "lease@0000000000000003", "cache", null, Duration.ofMinutes(2),
                        Duration.ofSeconds(30), LIBRARY));
    }

    @Test
    void longHeldSaysAgeThresholdContextAndStack_andKeepsMilliseconds() {
        LongHeld held = new LongHeld("lease", "lease@0000000000000003", null, "thread main",
                Duration.ofNanos(1_250_999_999), Duration.ofSeconds(1), TAKE);

        assertThat(held.age()).isEqualTo(Duration.ofMillis(1250));
        assertThat(held.toString()).startsWith("lease@0000000000000003: reference held for 1250 ms, past the hold"
                + " threshold of 1000 ms (thread main).\ntaken at:\n ");
        assertThat(held.toJson()).contains("\"ageMillis\":1250,\"thresholdMillis\":1000");
    }

    @ParameterizedTest
    @MethodSource("events")
    void aLogLineReadsBackAsTheSameEventWithTheSameText(RefTrackerEvent event) {
        RefTrackerEvent back = EventJson.read(EventJson.logLine(event, Instant.EPOCH));

        assertThat(back).isEqualTo(event);
        assertThat(back.toString()).isEqualTo(event.toString());
    }

    @Test
    void aReportObjectWithoutAnEventFieldReadsBackAsALeakReport() {
        LeakReport report = (LeakReport) events().findFirst().orElseThrow();

        assertThat(EventJson.read(report.toJson())).isEqualTo(report);
    }

    @Test
    void agentFieldsAndHiddenStacksShowInTheText() {
        LeakReport agent = (LeakReport) events().skip(1).findFirst().orElseThrow();

        assertThat(agent.toString()).contains(
                "has 3/5 users at\n  objects: 3\n  acquire site: 10 taken, 7 released\n     com.example.Pool.get(",
                "has 2/5 users at\n  objects: 2\n     (all frames hidden; nearest library frames shown)\n"
                        + "     io.netty.Pool.run(Pool.java:3)\n",
                "releases were paired with references by inference (same method or its callers first, else the"
                        + " oldest)");
    }

    @Test
    void contextTagsShowPerGroup_mostFrequentFirst_withTheRestCounted() {
        LeakReport tagged = (LeakReport) events().skip(3).findFirst().orElseThrow();

        assertThat(tagged.toString()).startsWith("cache@00000000000000cc has 10/10 users at\n  taken during:"
                + " CacheTest.evicts() (3), CacheTest.loads() (1), requestId=r\\nSEVERE: forged (1), requestId=r-1 (1),"
                + " requestId=r-2 (1), +3 more\n     com.example.Pool.get(");
        assertThat(tagged.toJson()).contains("\"takenDuring\":{\"CacheTest.evicts()\":3,\"CacheTest.loads()\":1,"
                + "\"requestId=r\\nSEVERE: forged\":1,\"requestId=r-1\":1,\"requestId=r-2\":1},"
                + "\"takenDuringOthers\":3");
        assertThat(EventJson.read(tagged.toJson()).toString()).isEqualTo(tagged.toString());
    }

    @Test
    void aDoubleReleaseSaysWhatItsReferenceWasTakenDuring() {
        DoubleRelease release = (DoubleRelease) events().skip(4).findFirst().orElseThrow();

        assertThat(release.toString()).startsWith("session@00000000000000aa: reference already released.\n"
                + "taken during: CacheTest.evicts()\nallocated in:\n");
        assertThat(release.toJson()).contains("\"context\":\"CacheTest.evicts()\"");
    }

    @Test
    void aSampledAgentReportSaysItIsASample_inTextAndJson() {
        LeakReport agent = (LeakReport) events().skip(1).findFirst().orElseThrow();
        LeakReport sampled = agent.withSampleInterval(64);

        // groups of 3 and 2 objects: at least 3 objects (one object may hold references on both stacks)
        assertThat(sampled.estimatedObjects()).isEqualTo(192);
        assertThat(sampled.toString()).endsWith("netty_bytebuf@0000000000000001: a sample, 1 object in 64 tracked at"
                + " random: 3 sampled object(s), about 192 in all\n");
        assertThat(sampled.toJson()).contains("\"sampleInterval\":64,\"estimatedObjects\":192");
        assertThat(agent.toString()).doesNotContain("sample");
        assertThat(agent.toJson()).doesNotContain("sampleInterval");
    }

    @Test
    void namesAndFramesReadFromJsonCannotForgeLines() {
        StackTraceElement forged = new StackTraceElement("a\nSEVERE: leak", "m\r", "F\u001b.java", 1);
        LostReference event = new LostReference("c", "c@1\nSEVERE: x", "h", CallStack.of(List.of(forged)));

        String text = EventJson.read(EventJson.logLine(event, Instant.EPOCH)).toString();

        assertThat(text).doesNotContain("\nSEVERE", "\r", "\u001b").contains("a\\nSEVERE: leak.m\\r(F\\u001b.java:1)");
    }

    @Test
    void aMissingFieldIsNamedWithItsPlace() {
        String line = EventJson.logLine(events().findFirst().orElseThrow(), Instant.EPOCH)
                .replace("\"method\":\"get\",", "");

        assertThatThrownBy(() -> EventJson.read(line)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.groups[0].frames[0]: missing field \"method\"");
    }

    @Test
    void anEventOfANewerVersionIsNamedAsUnknown() {
        assertThat(EventJson.decode(Map.of("event", "somethingNew"), "line 1")).isEmpty();
        assertThatThrownBy(() -> EventJson.read("{\"event\":\"somethingNew\"}"))
                .hasMessageContaining("does not know");
    }

    @Test
    void brokenJsonIsNamedWithLineAndColumn() {
        assertThatThrownBy(() -> EventJson.read("{\"event\":\n\"leak\",")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON: the input ends in the middle of a JSON value at line 2");
        assertThatThrownBy(() -> EventJson.read("[".repeat(100))).hasMessageContaining("nested deeper");
    }
}
