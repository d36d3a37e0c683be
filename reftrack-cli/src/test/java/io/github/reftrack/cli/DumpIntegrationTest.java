package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code reftrack dump} and {@code reftrack ps} against a real JVM ({@link HoldingReferences})
 * that tracks references in full mode and exposes reftrack's MBean.
 */
class DumpIntegrationTest {
    private static final String HOLDER = HoldingReferences.class.getName();
    private static final String NO_LEAKS = "# leaks reported in this JVM: none\n";

    private static ChildJvm child;

    @BeforeAll
    static void startTheJvm() throws IOException {
        child = ChildJvm.start(HoldingReferences.class, "-Dreftrack.mode=full");
    }

    @AfterAll
    static void stopTheJvm() throws IOException {
        child.close();
    }

    private static Cli.Result dump(String... options) {
        Cli.Result result = child.dump(options);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.err()).isEmpty();
        return result;
    }

    @Test
    void jsonByDirectoryHasEveryDirectoryWithLiveReferences_groupedByStackNewestFirst() {
        // the registry orders directories by id, which says nothing about creation order
        List<LeakReport> reports = ReportJson.parse(dump("--json", "--by-directory").out()).reports().stream()
                .sorted(Comparator.comparing(LeakReport::className).thenComparing(r -> -r.totalUsers())).toList();

        assertThat(reports).extracting(LeakReport::className, LeakReport::totalUsers)
                .containsExactly(tuple("connection", 3), tuple("connection", 1), tuple("session", 1));
        LeakReport first = reports.get(0);
        assertThat(first.groups()).extracting(LeakReport.Group::users, LeakReport.Group::holders)
                .containsExactly(tuple(1, List.of("pool<main>")), tuple(2, List.of()));
        assertThat(first.groups().get(0).frames()).extracting(StackTraceElement::getClassName,
                StackTraceElement::getMethodName).containsExactly(tuple(HOLDER, "main"));
        assertThat(first.groups().get(1).frames()).extracting(StackTraceElement::getMethodName)
                .containsExactly("openStreams", "main");
        assertThat(reports.get(1).groups().get(0).fingerprint()).isEqualTo(first.groups().get(1).fingerprint());
    }

    @Test
    void oldestListsTheReferencesHeldLongest_oneLineEach() {
        Cli.Result result = dump("--oldest", "2");

        assertThat(result.out().lines()).hasSize(2).allMatch(line -> line.matches(
                "\\d+(ms|s|m\\d+s|h\\d+m|d\\d+h)  (connection|session)@[0-9a-f]{16}  \\S+  .+\\(.+\\)"));
    }

    @Test
    void textIsTheKernelShapeOfTheSameReports_groupedAcrossTheDirectoriesOfAClass_afterASummaryLine() {
        String json = dump("--json").out();
        String expected = ReportJson.parse(json).reports().stream().map(LeakReport::toString)
                .collect(Collectors.joining());

        Cli.Result result = dump();

        assertThat(result.out()).isEqualTo("# JVM " + child.pid() + " (" + HOLDER + "): 5 live references"
                + " in 3 directories; default mode FULL\n\n" + expected + NO_LEAKS);
        assertThat(result.out()).containsPattern("(?m)^connection has 1/4 users at( \\(oldest \\w+\\))?\n"
                + "  held by: pool<main>\n"
                + "     " + HOLDER.replace(".", "\\.") + "\\.main\\(HoldingReferences\\.java:\\d+\\)\n\n");
        // the two directories open their streams from different lines of main: two stacks, one object each
        for (int users : new int[] {2, 1}) {
            assertThat(result.out()).containsPattern("(?m)^connection has " + users + "/4 users at"
                    + "( \\(oldest \\w+\\))?\n"
                    + "     " + HOLDER.replace(".", "\\.") + "\\.openStreams\\(HoldingReferences\\.java:\\d+\\)\n"
                    + "     " + HOLDER.replace(".", "\\.") + "\\.main\\(HoldingReferences\\.java:\\d+\\)\n\n");
        }
        assertThat(result.out()).doesNotContain("connection@", "objects:").contains("session@");
    }

    @Test
    void showsOneClassOnly_whenAClassIsGiven() {
        Cli.Result text = dump("--class", "session");
        List<LeakReport> json = ReportJson.parse(dump("--class", "session", "--json").out()).reports();

        assertThat(json).extracting(LeakReport::className).containsExactly("session");
        assertThat(text.out()).endsWith("; default mode FULL; showing class session\n\n" + json.get(0) + NO_LEAKS)
                .doesNotContain("connection@");
    }

    @Test
    void saysSo_whenNoDirectoryOfTheClassHasLiveReferences() {
        Cli.Result result = dump("--class", "inode");

        assertThat(result.out()).endsWith("; default mode FULL; showing class inode\n\n"
                + "(no live references in directories of class inode)\n\n" + NO_LEAKS);
    }

    @Test
    void psListsTheJvm_andItsLiveReferencesOnceItsAgentRuns() throws IOException {
        try (ChildJvm fresh = ChildJvm.start(HoldingReferences.class, "-Dreftrack.mode=full");
             ChildJvm plain = ChildJvm.start(PlainJvm.class)) {
            Cli.Result before = Cli.run("ps");
            Cli.Result dumped = Cli.run("dump", Long.toString(fresh.pid()));
            Cli.Result after = Cli.run("ps");

            assertThat(before.exitCode()).as(before.toString()).isEqualTo(ExitCode.OK);
            assertThat(before.out()).startsWith("PID        LIVE  MAIN CLASS\n")
                    .contains(String.format("%-8d %6s  %s%n", fresh.pid(), "-", HOLDER))
                    .doesNotContainPattern("(?m)^" + plain.pid() + " ");
            assertThat(dumped.exitCode()).isEqualTo(ExitCode.OK);
            assertThat(after.out()).contains(String.format("%-8d %6d  %s%n", fresh.pid(), 5, HOLDER));
        }
    }
}
