package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.sink.JsonLogSink;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.absent.ExhaustionMain;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * reftrack attacked as an adversary would: heap and stack exhaustion (in a child JVM, where they
 * cannot damage this one), listeners throwing every kind of {@link Throwable}, hostile strings in
 * every name with every JSON form parsed by a real parser, and a JSON log nobody reads.
 */
class AdversarialTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final LogCapture log = new LogCapture();

    @TempDir
    Path tmp;

    @Test
    void directoriesStayConsistent_whenHeapAndStackRunOutAroundEveryCall() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-Xmx24m", "-Xss512k", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.jmx=off", "-Djava.util.logging.config.file=/dev/null"));
        arguments.addAll(ChildJvm.onModulePath());
        arguments.add(ExhaustionMain.class.getName());
        String output = ChildJvm.run(arguments, 120);
        assertThat(output).as(output).contains("heap ok balanced", "stack ok ", "housekeeper failures=")
                .doesNotContain("BROKEN");
    }

    /** Every kind of throwable a listener might throw, including the VM's own errors. */
    private static final List<Supplier<Throwable>> THROWABLES = List.of(
            () -> new IllegalStateException("runtime exception"),
            () -> new IOException("checked exception, sneaked"),
            () -> new AssertionError("assertion"),
            () -> new OutOfMemoryError("injected heap exhaustion"),
            () -> new StackOverflowError("injected stack exhaustion"),
            () -> new InternalError("injected VM error"),
            () -> new NoClassDefFoundError("injected linkage error"),
            () -> new ExceptionInInitializerError("injected initializer failure"),
            () -> new Throwable("a bare throwable"));

    @Test
    void everyKindOfThrowableFromEveryListenerMethodIsContained() throws Exception {
        for (Supplier<Throwable> kind : THROWABLES) {
            TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL));
            test.runtime.addListener(new Thrower(kind));
            Recorder after = new Recorder(test.runtime);
            RefTrackerDir dir = test.directory("thrown_at").mode(RefTracking.Mode.FULL).quarantine(2).build();
            RefTracker t = dir.alloc();
            dir.free(t);
            assertThat(dir.free(t)).isFalse();
            dir.free(null);
            dir.alloc();
            dir.close();
            TeardownWatchdog.forCount("stuck", () -> 1, List::of).reportAfter(Duration.ZERO).check();

            String what = kind.get().getClass().getSimpleName();
            assertThat(after.doubleReleases).as(what).hasSize(1);
            assertThat(after.misuse).as(what).hasSize(1);
            assertThat(after.leaks).as(what).hasSize(1);
            after.close();
        }
    }

    /** Throws the given kind from every method. */
    private static final class Thrower implements RefTrackerListener {
        private final Supplier<Throwable> kind;

        Thrower(Supplier<Throwable> kind) {
            this.kind = kind;
        }

        private void fail() {
            Thrower.<RuntimeException>sneak(kind.get());
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> void sneak(Throwable t) throws T {
            throw (T) t;
        }

        @Override
        public void onLeak(LeakReport report) {
            fail();
        }

        @Override
        public void onAbandonedDirectory(LeakReport report) {
            fail();
        }

        @Override
        public void onDoubleRelease(DoubleRelease event) {
            fail();
        }

        @Override
        public void onLostReference(LostReference event) {
            fail();
        }

        @Override
        public void onTeardownStuck(StuckTeardown event) {
            fail();
        }

        @Override
        public void onMisuse(Misuse event) {
            fail();
        }
    }

    @Test
    void hostileNamesSurviveEveryJsonFormAndCannotForgeText() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> hostile = new ArrayList<>(List.of("\"", "\\", "\n", "\r\n", "\u0000", "\u001b[31m", "\u2028",
                "\u2029", "\ud83d\ude00", "\ud800", "</script><script>alert(1)</script>", "{\"event\":\"leak\"}",
                "has 9/9 users at\n     com.example.Forged.frame(Forged.java:1)"));
        for (int i = 0; i < 20; i++) {
            StringBuilder s = new StringBuilder();
            for (int c = 0; c < 12; c++) {
                s.append((char) random.nextInt(0x3000));
            }
            hostile.add(s.toString());
        }
        for (String name : hostile) {
            TestRuntime test = new TestRuntime();
            Recorder events = new Recorder(test.runtime);
            JsonLogSink sink = new JsonLogSink(tmp.resolve("hostile.jsonl").toString(),
                    Clock.fixed(Instant.EPOCH, java.time.ZoneOffset.UTC));
            test.runtime.events().addSink(sink);
            String className = "c" + name;
            RefTrackerDir dir = test.fullDir(className, 1);
            RefTracker t = Sites.siteHolder(dir, name);
            dir.free(t);
            dir.free(t);
            dir.free(null);
            Sites.siteHolder(dir, name);
            LeakReport live = dir.report(16);
            dir.close();
            TeardownWatchdog.forDirectories(name, List.of()).reportAfter(Duration.ZERO).check();
            List<RefTrackerEvent> all = new ArrayList<>();
            all.addAll(events.leaks);
            all.addAll(events.doubleReleases);
            all.addAll(events.misuse);
            all.addAll(events.stuck);
            all.add(live);
            all.add(new AbandonedDirectory(live, -1));
            all.add(new LostReference(className, dir.name(), name, List.of(), CallStack.EMPTY.fingerprint()));
            for (RefTrackerEvent event : all) {
                String where = "seed " + seed + ", name " + escaped(name) + ", " + event.eventName();
                JsonNode node = JSON.readTree(event.toJson());
                assertThat(node.isObject()).as(where).isTrue();
                String text = event.toString();
                assertThat(text.lines().filter(l -> l.contains("Forged.frame"))).as(where)
                        .allMatch(l -> l.contains("has 9/9 users at\\n"));
                JsonNode line = JSON.readTree(EventJson.logLine(event, Instant.EPOCH));
                assertThat(line.get("event").asText()).as(where).isEqualTo(event.eventName());
            }
            assertThat(JSON.readTree(live.toJson()).get("groups").get(0).get("holders").get(0).asText())
                    .as("seed %d", seed).isEqualTo(name);
            assertThat(sink.flush(10, TimeUnit.SECONDS)).isTrue();
            sink.close();
            events.close();
        }
        for (String line : Files.readAllLines(tmp.resolve("hostile.jsonl"), StandardCharsets.UTF_8)) {
            assertThat(JSON.readTree(line).isObject()).as("seed %d: %s", seed, line).isTrue();
        }
    }

    private static String escaped(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c)
                : String.valueOf((char) c)));
        return out.toString();
    }

    @Test
    void aStalledJsonLogReaderNeverBlocksTheCallerAndDropsAreCounted() throws Exception {
        Path fifo = tmp.resolve("stalled.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        JsonLogSink sink = new JsonLogSink(fifo.toString());
        LostReference event = new LostReference("c", "c@0000000000000001", null, List.of(),
                CallStack.EMPTY.fingerprint());
        AtomicInteger accepted = new AtomicInteger();
        Thread raiser = new Thread(() -> {
            for (int i = 0; i < JsonLogSink.CAPACITY * 2; i++) {
                sink.accept(event);
                accepted.incrementAndGet();
            }
        }, "event-raiser");
        raiser.start();
        raiser.join(TimeUnit.SECONDS.toMillis(60));
        try {
            assertThat(raiser.isAlive()).as("the raising thread returned although nobody reads the FIFO").isFalse();
            assertThat(accepted.get()).isEqualTo(JsonLogSink.CAPACITY * 2);
            assertThat(sink.dropped()).isGreaterThanOrEqualTo(JsonLogSink.CAPACITY - 1L);
            assertThat(log.messages()).filteredOn(m -> m.contains("not keeping up")).hasSize(1);
        } finally {
            // open the reading end so the writer thread's open() returns, then stop it
            FileInputStream reader = new FileInputStream(fifo.toFile());
            try {
                sink.close();
            } finally {
                reader.close();
            }
        }
    }
}
