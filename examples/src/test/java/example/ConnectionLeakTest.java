package example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the README's "Use it" example (surefire sets -Dreftrack.mode=full, as the README says to). */
class ConnectionLeakTest {

    @Test
    void printsWhoHoldsTheConnectionAndReportsTheLeakAtClose() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            ConnectionLeak.main(new String[0]);
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }

        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(report).containsPattern("connection@[0-9a-f]{16} has 1/3 users at\n"
                + " +example\\.ConnectionLeak\\$Connection\\.get\\(ConnectionLeak\\.java:\\d+\\)\n"
                + " +example\\.ConnectionLeak\\.stream\\(ConnectionLeak\\.java:\\d+\\)\n");
        assertThat(report).containsPattern("has 1/3 users at\n  held by: pool\n");
        // the listener saw the leak at close: the two stream() references, the creator's released
        assertThat(err.toString(StandardCharsets.UTF_8)).containsPattern("leak: \\{.*\"totalUsers\":2,");
    }

    @Test
    void refusesASecondReleaseWithoutTouchingTheCount() {
        ConnectionLeak.Connection connection = new ConnectionLeak.Connection();
        var tracker = connection.get();
        connection.put(tracker);
        connection.put(tracker); // reported as a double release; put() leaves the count alone

        assertThat(connection.report().totalUsers()).isEqualTo(1); // the creator's reference
        connection.put(connection.creator);
        assertThat(connection.report().totalUsers()).isZero();
    }
}
