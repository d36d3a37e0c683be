package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generic spec whose birth is the constructor that takes the initial count,
 * {@code birth=<init>(int)} ({@code example.generic.SharedChunk}, counted as Jetty 12's
 * {@code ReferenceCounter}): a chunk made for two consumers starts with two references, one made
 * with 0 starts its lifetime at its first {@code retain()}, and the constructor without arguments
 * delegates with 1.
 */
class CountedBirthIT {
    private static final String SPEC = "class=example.generic.SharedChunk,acquire=retain,release=release,"
            + "birth=<init>(int)";
    private static final String MADE_FOR_TWO = "example.generic.SharedChunkApp.forTwo(SharedChunkApp.java:36)";

    @TempDir
    Path dir;

    private String run(String spec, String leakEvery) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent(spec), "-Dreftrack.jsonLog=" + dir.resolve("events.json")),
                Child.classpath(null), "example.generic.SharedChunkApp", "30000", leakEvery);
    }


    @Test
    void aForgottenReleaseOfAChunkBornWithTwoReferences_isReportedWhereItWasMade() throws Exception {
        String output = run(SPEC, "2500");

        assertThat(output).contains("chunks 30000").doesNotContain("already released").doesNotContain("Byte Buddy");
        Reports.assertLeaksAt(Reports.events(dir.resolve("events.json")), "sharedchunk", MADE_FOR_TWO, 4);
    }

    @Test
    void nothingIsReported_whenEveryConsumerReleases() throws Exception {
        String output = run(SPEC, "0");

        assertThat(output).contains("chunks 30000");
        assertThat(Reports.events(dir.resolve("events.json"))).isEmpty();
        SpecShapesIT.assertClean(output);
    }

    @Test
    void aClassWithoutAConstructorTakingTheCount_isOneClearLine() throws Exception {
        String output = run("class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>(int)", "0");

        assertThat(output).contains("chunks 30000");
        assertThat(output.lines().filter(line -> line.contains("reftrack-agent: ")).toList())
                .singleElement().asString().contains("no constructor Lease(int) taking the initial count");
    }
}
