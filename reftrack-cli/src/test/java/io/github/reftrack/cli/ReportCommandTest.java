package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reftrack report}: JSON back to the kernel-shape text, and its errors. */
class ReportCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void printsTheReportsText_whenGivenOneReportObject() throws IOException {
        LeakReport report = Reports.delayedNode();
        Path file = write("one.json", report.toJson());

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo(report.toString());
        assertThat(result.err()).isEmpty();
    }

    @Test
    void printsEveryReportInOrder_whenGivenAnArray() throws IOException {
        LeakReport first = Reports.delayedNode();
        LeakReport second = Reports.connection();
        Path file = write("two.json", "[" + first.toJson() + ",\n " + second.toJson() + "]");

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo(first.toString() + second);
    }

    @Test
    void printsWhatTheLibraryPrinted_whenTheReportComesFromALiveDirectory() throws IOException {
        RefTrackerDir tracked = RefTrackerDir.builder("widget").mode(RefTracking.Mode.FULL).build();
        RefTracker held = tracked.alloc("holder");
        RefTracker other = tracked.alloc();
        try {
            LeakReport report = tracked.report(16);
            Path file = write("live.json", report.toJson());

            Cli.Result result = Cli.run("report", file.toString());

            assertThat(result.out()).isEqualTo(report.toString()).contains("widget@", "held by: holder",
                    "ReportCommandTest.printsWhatTheLibraryPrinted_whenTheReportComesFromALiveDirectory(");
        } finally {
            tracked.free(held);
            tracked.free(other);
            tracked.close();
        }
    }

    @Test
    void printsTheReportsOfEveryFileInOrder_whenGivenSeveralFiles() throws IOException {
        Path first = write("first.json", Reports.connection().toJson());
        Path second = write("second.json", "{\"leaked\":true,\"reports\":[" + Reports.delayedNode().toJson() + "]}");

        Cli.Result result = Cli.run("report", first.toString(), second.toString());

        // the second is a demo run that leaked
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).isEqualTo(Reports.connection().toString() + Reports.delayedNode());
    }

    @Test
    void saysSoInOneLine_whenTheArrayIsEmpty() throws IOException {
        Path file = write("empty.json", "[]");

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("no events in " + file + "\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void saysSoInOneLine_whenTheLogIsEmpty() throws IOException {
        Path file = write("empty.jsonl", "\n");

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("no events in " + file + "\n");
    }

    @Test
    void exitsWithTwoNamingThePlace_whenAFrameLacksItsMethod() throws IOException {
        String json = "[" + Reports.connection().toJson().replace("\"method\":\"lease\",", "") + "]";
        Path file = write("broken.json", json);

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("reftrack report: " + file
                + " is not a reftrack JSON report: $[0].groups[0].frames[0]: missing field \"method\"\n");
    }

    @Test
    void exitsWithTwo_whenTheCountsDoNotAddUp() throws IOException {
        Path file = write("counts.json", Reports.connection().toJson().replace("\"totalUsers\":3", "\"totalUsers\":5"));

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack report: " + file + " is not a reftrack JSON report: $:"
                + " inconsistent report for connection@0000000000000001: 3 users in groups + 0 skipped != 5 total\n");
    }

    @Test
    void exitsWithTwo_whenACountIsNotANumber() throws IOException {
        Path file = write("type.json", Reports.connection().toJson().replace("\"users\":3", "\"users\":\"3\""));

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).endsWith(" is not a reftrack JSON report: $.groups[0].users: expected a count from 0"
                + " to 2147483647, was \"3\"\n");
    }

    @Test
    void exitsWithTwo_whenTheFileIsNotJson() throws IOException {
        Path file = write("text.json", "delayed_node@00000000c0ffee11 has 2/4 users at\n");

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("reftrack report: " + file + " is not a reftrack JSON report:"
                + " not valid JSON: Unrecognized token 'delayed_node'").endsWith(" at line 1, column 13\n");
    }

    @Test
    void exitsWithOne_whenTheFileDoesNotExist() {
        Path missing = dir.resolve("missing.json");

        Cli.Result result = Cli.run("report", missing.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("reftrack report: cannot read " + missing + ": no such file\n");
    }

    @Test
    void exitsWithTwo_whenNoFileIsGiven() {
        Cli.Result result = Cli.run("report", "--html", "out.html");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack report: Missing required parameter: 'FILE'"
                + " (see 'reftrack report --help')\n");
    }
}
