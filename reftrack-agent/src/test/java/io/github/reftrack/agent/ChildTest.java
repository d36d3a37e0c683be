package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child JVM's output stays off the build's console unless the test that ran it fails. */
class ChildTest {

    /** A child that prints what a planted leak prints. */
    public static final class Shouting {
        private Shouting() {
        }

        /** Prints a leak-report-like line and exits 0. */
        public static void main(String[] args) {
            System.err.println("SEVERE: planted@0000000000000001 was garbage-collected with 1 reference live");
        }
    }

    @Test
    void keepsTheOutputOffTheConsole_whenTheChildSucceeds() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        String output;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            output = Child.run(Child.JAVA, List.of(), Child.classpath(null), Shouting.class.getName());
        } finally {
            System.setOut(out);
        }

        assertThat(output).contains("SEVERE: planted@");
        assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void attachesTheOutputToTheFailure_whenTheTestFails() throws Exception {
        Child.run(Child.JAVA, List.of(), Child.classpath(null), Shouting.class.getName());
        AssertionError failure = new AssertionError("expected a leak report");

        Throwable thrown = catchThrowable(() -> new ChildOutputOnFailure().handleTestExecutionException(null, failure));

        assertThat(thrown).isSameAs(failure);
        assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
                .startsWith("output of the child JVM:\n$ " + Child.JAVA).contains("SEVERE: planted@");
    }
}
