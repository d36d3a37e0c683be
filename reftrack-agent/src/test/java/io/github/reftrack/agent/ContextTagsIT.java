package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -Dreftrack.context} reaches the agent's own core runtime: references the agent takes
 * carry the SLF4J MDC value of the thread that took them, and reports count them per group.
 */
class ContextTagsIT {
    private static final String APP = "example.generic.RequestApp";
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";

    @TempDir
    Path tmp;

    private String requests(String mode) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.context=mdc:requestId",
                "-Dreftrack.jsonLog=" + tmp.resolve("events.jsonl")), Child.classpath("mdc"), APP, mode);
    }

    @Test
    void leaksPlantedUnderTwoMdcValuesAreCountedPerValue() throws Exception {
        String output = requests("leak");

        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "lease at exit: 5 object(s) leaked 5 reference(s) at\n"
                + "  taken during: requestId=r-1 (3), requestId=r-2 (2)\n"
                + "     example.generic.RequestApp.serve(RequestApp.java:");
        assertThat(output).doesNotContain("context source");
        assertThat(Files.readAllLines(tmp.resolve("events.jsonl")))
                .filteredOn(line -> line.contains("\"dirName\":\"lease at exit\"")).singleElement().asString()
                .contains("\"takenDuring\":{\"requestId=r-1\":3,\"requestId=r-2\":2}");
    }

    @Test
    void aCleanRunReportsNothing() throws Exception {
        String output = requests("clean");

        assertThat(output).contains("served 2 requests", "reftrack-agent at exit: no leaks found by the GC\n")
                .doesNotContain("taken during")
                .doesNotContain("SEVERE", "WARNING", "ERROR", "still outstanding", "double release", "misuse",
                        "context source");
        Path log = tmp.resolve("events.jsonl");
        assertThat(Files.exists(log) ? Files.readAllLines(log) : List.of()).as("events logged").isEmpty();
    }
}
