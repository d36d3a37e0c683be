package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code jetty} profile on Jetty 12's jetty-io ({@code example.jetty.JettyApp}: 20,000 buffers,
 * pooled by an {@code ArrayByteBufferPool} or wrapping heap buffers, each retained twice, sliced and
 * released across two threads), JDK 17 and 25. Jetty's pool holds the buffers it hands out only
 * weakly, so a pooled buffer dropped without its release is collected and found by the GC, as a
 * plain one; one kept for ever is found by the hold threshold and listed as outstanding at exit.
 */
class JettyAgentIT {
    private static final String APP = "example.jetty.JettyApp";
    private static final String FORGET = "example.jetty.JettyApp.forget(JettyApp.java:82)";

    @TempDir
    Path dir;

    private String run(String jdk, String holdThreshold, String... args) throws Exception {
        Path java = jdk.equals("25") ? Child.JAVA_25 : Child.JAVA;
        String options = holdThreshold == null ? "jetty" : "jetty,holdThreshold=" + holdThreshold;
        return Child.run(java, List.of(Child.agent(options), "-Dreftrack.jsonLog=" + dir.resolve("events.json")),
                Child.classpath("jetty"), APP, args);
    }


    @ParameterizedTest
    @CsvSource({"17, pooled, PooledBuffer", "17, plain, FixedCapacity", "25, pooled, PooledBuffer",
        "25, plain, FixedCapacity"})
    void droppedBuffersAreFoundByTheGcAtTheirLineWithTheirExactCount(String jdk, String kind, String type)
            throws Exception {
        String output = run(jdk, null, kind, "20000", "5000", "drop");

        assertThat(output).contains("buffers 20000, forgotten 4 [" + String.join(", ", List.of(type, type, type, type))
                + "]");
        LeakReport total = Reports.assertLeaksAt(Reports.events(dir.resolve("events.json")), "jetty_retainable",
                FORGET, 4);
        assertThat(total.pairing()).isEqualTo("same method or its callers first, else the oldest");
        assertThat(Child.exitReport(output)).isEqualTo("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "jetty_retainable at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "     " + FORGET + "\n"
                + "     example.jetty.JettyApp.main(JettyApp.java:56)\n\n"
                + "jetty_retainable at exit: releases were paired with references by inference (same method or its"
                + " callers first, else the oldest)\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void pooledBuffersKeptForEver_areOneLongHeldEventEach_andOutstandingAtExit(String jdk) throws Exception {
        String output = run(jdk, "1s", "pooled", "20000", "5000", "keep");

        assertThat(output).contains("forgotten 4 [PooledBuffer, PooledBuffer, PooledBuffer, PooledBuffer]")
                .contains("mxbean longHeld 4");
        List<RefTrackerEvent> events = Reports.events(dir.resolve("events.json"));
        assertThat(events).hasSize(4).allSatisfy(event -> assertThat(event).isInstanceOfSatisfying(LongHeld.class,
                held -> assertThat(held.acquisition().frames().get(0)).hasToString(FORGET)));
        assertThat(Child.exitReport(output)).isEqualTo("reftrack-agent at exit: no leaks found by the GC\n"
                + "still outstanding on live objects (not leaks unless they are never released):\n"
                + "jetty_retainable has 4/4 users at\n"
                + "  objects: 4\n"
                + "     " + FORGET + "\n"
                + "     example.jetty.JettyApp.main(JettyApp.java:56)\n\n");
    }

    @ParameterizedTest
    @CsvSource({"17, pooled", "17, plain", "25, pooled", "25, plain"})
    void nothingIsReported_whenEveryBufferIsReleased(String jdk, String kind) throws Exception {
        String output = run(jdk, "30s", kind, "20000", "0", "drop");

        assertThat(output).contains("buffers 20000, forgotten 0 []");
        assertThat(Reports.events(dir.resolve("events.json"))).isEmpty();
        Reports.assertNothingReported(output);
        SpecShapesIT.assertClean(output);
    }
}
