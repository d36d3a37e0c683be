package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Lucene profile: a {@code SearcherManager} application in which one search in 1,250 takes a
 * reader reference for a scroll that is refused and never returned. Lucene 9 runs on this JDK,
 * Lucene 10 on JDK 25 (it needs 21+), when that JDK is installed.
 */
class LuceneAgentIT {
    private static final String APP = "example.lucene.SearchApp";
    private static final String SCROLL = "example.lucene.SearchApp.openScroll(SearchApp.java:";

    private static String search(Path java, String lucene, String refuseEvery) throws Exception {
        return Child.run(java, List.of(Child.agent("lucene")), Child.classpath(lucene), APP, "5000", refuseEvery);
    }

    @Test
    void leakedIncRefIsReportedAtItsLineWithItsExactCount_onLucene9() throws Exception {
        String report = Child.exitReport(search(Child.JAVA, "lucene9", "1250"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "lucene_reader at exit: 4 object(s) leaked 4 reference(s) at\n  acquire site: 4 taken, 0 released\n"
                + "     " + SCROLL);
    }

    @Test
    void leakedIncRefIsReportedAtItsLineWithItsExactCount_onLucene10() throws Exception {
        assumeTrue(Files.isExecutable(Child.JAVA_25), "JDK 25 for Lucene 10 at " + Child.JAVA_25);
        String report = Child.exitReport(search(Child.JAVA_25, "lucene10", "1250"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "lucene_reader at exit: 4 object(s) leaked 4 reference(s) at\n  acquire site: 4 taken, 0 released\n"
                + "     " + SCROLL);
    }

    @Test
    void nothingIsReported_whenEveryReaderReferenceIsReturned() throws Exception {
        String output = search(Child.JAVA, "lucene9", "0");

        assertThat(output).doesNotContain(" users at");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }
}
