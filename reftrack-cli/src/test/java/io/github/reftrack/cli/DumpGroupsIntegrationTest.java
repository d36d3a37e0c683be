package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reftrack dump} of a JVM ({@link ObjectsOnTwoStacks}) where every object has a directory
 * of its own: the objects of one class are grouped by stack, and the leaks the JVM already
 * reported are listed by stack with their counts.
 */
class DumpGroupsIntegrationTest {
    private static final String MAIN = Pattern.quote(ObjectsOnTwoStacks.class.getName());
    /** Hold times show once the references are ten seconds old, which a slow machine reaches. */
    private static final String AGES = "( \\(oldest \\w+, newest \\w+\\))?";

    private static ChildJvm child;

    @BeforeAll
    static void startTheJvm() throws IOException {
        child = ChildJvm.start(ObjectsOnTwoStacks.class, "-Dreftrack.mode=full");
    }

    @AfterAll
    static void stopTheJvm() throws IOException {
        child.close();
    }

    private static String dump(String... options) {
        Cli.Result result = child.dump(options);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.err()).isEmpty();
        return result.out();
    }

    @Test
    void thirteenObjectsOnTwoStacks_areExactlyTwoGroupsOfTenAndThreeObjects() {
        String out = dump();
        String live = out.substring(0, out.indexOf("# leaks reported"));

        assertThat(live).startsWith("# JVM " + child.pid() + " (" + ObjectsOnTwoStacks.class.getName()
                + "): 13 live references in 13 directories; default mode FULL\n\n");
        assertThat(Pattern.compile(" users at").matcher(live).results().count()).as(out).isEqualTo(2);
        assertThat(live).containsPattern("(?m)^buffer has 10/13 users at" + AGES + "\n  objects: 10\n"
                + " {5}" + MAIN + "\\.cache\\(ObjectsOnTwoStacks\\.java:\\d+\\)\n"
                + " {5}" + MAIN + "\\.main\\(")
                .containsPattern("(?m)^buffer has 3/13 users at" + AGES + "\n  objects: 3\n"
                + " {5}" + MAIN + "\\.journal\\(ObjectsOnTwoStacks\\.java:\\d+\\)\n")
                .doesNotContain("buffer@");
    }

    @Test
    void jsonHasOneReportForTheClass_withTheObjectCountOfEachGroup() {
        List<LeakReport> reports = ReportJson.parse(dump("--json", "--class", "buffer")).reports();

        assertThat(reports).singleElement().extracting(LeakReport::dirName, LeakReport::totalUsers)
                .containsExactly("buffer", 13);
        assertThat(reports.get(0).groups()).extracting(g -> g.frames().get(0).getMethodName(),
                LeakReport.Group::users, LeakReport.Group::objects)
                .containsExactlyInAnyOrder(tuple("cache", 10, 10), tuple("journal", 3, 3));
    }

    @Test
    void byDirectoryPrintsOneReportPerObject() {
        String out = dump("--by-directory", "--class", "buffer");

        assertThat(Pattern.compile("(?m)^buffer@[0-9a-f]{16} has 1/1 users at\n").matcher(out).results().count())
                .as(out).isEqualTo(13);
    }

    @Test
    void leaksAlreadyReportedAreListedByStack_withTheirCountsAndFirstAndLastSeen() {
        String out = dump();
        String history = out.substring(out.indexOf("# leaks reported"));
        String instant = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";
        String seen = "  first seen " + instant + ", last seen " + instant + "\n";

        assertThat(history).startsWith("# leaks reported in this JVM: 3 on 2 stacks\n")
                .containsPattern("(?m)^request leaked 2 times at  \\[fingerprint [0-9a-f]{16}\\]\n" + seen
                        + " {5}" + MAIN + "\\.leakWhileParsing\\(ObjectsOnTwoStacks\\.java:\\d+\\)\n")
                .containsPattern("(?m)^request leaked 1 time at  \\[fingerprint [0-9a-f]{16}\\]\n" + seen
                        + " {5}" + MAIN + "\\.leakWhileFlushing\\(ObjectsOnTwoStacks\\.java:\\d+\\)\n");
        assertThat(Pattern.compile(" leaked \\d+ times? at").matcher(history).results().count()).isEqualTo(2);
    }

    @Test
    void leaksOfAnotherClassAreLeftOut_whenAClassIsGiven() {
        assertThat(dump("--class", "buffer")).endsWith("# leaks reported in this JVM: none\n");
    }
}
