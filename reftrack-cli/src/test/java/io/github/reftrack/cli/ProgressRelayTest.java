package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Progress lines: none for short runs, all of them (held ones first) once a run takes long. */
class ProgressRelayTest {

    @Test
    void printsNothing_whenClosedBeforeTheQuietPeriodEnds() {
        StringWriter err = new StringWriter();
        try (ProgressRelay relay = new ProgressRelay(new PrintWriter(err), "demo: ", 3600, 5)) {
            relay.accept("traffic done");
        }

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void printsHeldLinesThenNewOnes_onceTheQuietPeriodHasPassed() throws InterruptedException {
        StringWriter err = new StringWriter();
        try (ProgressRelay relay = new ProgressRelay(new PrintWriter(err), "demo: ", 0, 3600)) {
            relay.accept("mounted");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!printed(relay, err).contains("mounted") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            relay.accept("traffic done");

            assertThat(printed(relay, err)).isEqualTo("demo: mounted\ndemo: traffic done\n");
        }
    }

    private static String printed(ProgressRelay relay, StringWriter err) {
        synchronized (relay) {
            return err.toString();
        }
    }
}
