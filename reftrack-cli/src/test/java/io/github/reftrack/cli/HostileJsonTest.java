package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reftrack report} on hostile JSON: every rejection is one line on standard error that
 * names the limit or the field, with exit code 2, and nothing on standard output.
 */
class HostileJsonTest {

    @TempDir
    Path dir;

    private Cli.Result report(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("hostile.json"), json, StandardCharsets.UTF_8);
        return Cli.run("report", file.toString());
    }

    private static void assertRejected(Cli.Result result, String reason) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).as(result.toString()).endsWith(" is not a reftrack JSON report: " + reason + "\n")
                .hasLineCount(1);
    }

    @Test
    void namesTheNestingLimit_whenArraysNestAHundredThousandDeep() throws IOException {
        Cli.Result result = report("[".repeat(100_000) + "]".repeat(100_000));

        assertRejected(result, "nested deeper than the limit of 64 levels (maxNestingDepth)");
    }

    @Test
    void namesTheStringLimit_whenAStringIsTwentyFiveMegabytes() throws IOException {
        Cli.Result result = report("{\"className\":\"" + "x".repeat(25_000_000) + "\"}");

        assertRejected(result, "a string longer than the limit of 1048576 characters (maxStringLength)");
    }

    @Test
    void namesTheNumberLimit_whenANumberHasTwoThousandDigits() throws IOException {
        Cli.Result result = report(Reports.connection().toJson().replace("\"totalUsers\":3",
                "\"totalUsers\":" + "9".repeat(2000)));

        assertRejected(result, "a number longer than the limit of 24 characters (maxNumberLength)");
    }

    @Test
    void namesTheField_whenACountOverflowsAnInt() throws IOException {
        Cli.Result result = report(Reports.connection().toJson().replace("\"users\":3", "\"users\":2147483648"));

        assertRejected(result, "$.groups[0].users: expected a count from 0 to 2147483647, was 2147483648");
    }

    @Test
    void namesTheField_whenACountIsNegative() throws IOException {
        Cli.Result result = report(Reports.connection().toJson().replace("\"skippedUsers\":0", "\"skippedUsers\":-1"));

        assertRejected(result, "$.skippedUsers: expected a count from 0 to 2147483647, was -1");
    }

    @Test
    void rejectsCountsThatAddUpOnlyThroughIntOverflow() throws IOException {
        String max = "{\"users\":2147483647,\"fingerprint\":\"a\",\"holders\":[],\"frames\":[]}";
        String four = "{\"users\":4,\"fingerprint\":\"b\",\"holders\":[],\"frames\":[]}";
        String json = "{\"className\":\"c\",\"dirName\":\"c@1\",\"totalUsers\":2,\"skippedUsers\":0,\"groups\":["
                + max + "," + max + "," + four + "]}";

        Cli.Result result = report(json);

        assertRejected(result, "$: counts do not add up: the groups hold 4294967298 users and 0 were skipped,"
                + " more than totalUsers 2");
    }

    @Test
    void rejectsAGroupWithoutUsers() throws IOException {
        Cli.Result result = report(Reports.connection().toJson().replace("\"users\":3", "\"users\":0")
                .replace("\"totalUsers\":3", "\"totalUsers\":0"));

        assertRejected(result, "$.groups[0].users: a group has at least one user, was 0");
    }

    @Test
    void readsTheReport_whenTheFileStartsWithAUtf8ByteOrderMark() throws IOException {
        Cli.Result result = report("\uFEFF" + Reports.connection().toJson());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo(Reports.connection().toString());
    }

    @Test
    void saysSoInOneLine_whenTheFileIsNotUtf8() throws IOException {
        Path file = Files.write(dir.resolve("latin1.json"), new byte[] {'[', (byte) 0xE9, ']'});

        Cli.Result result = Cli.run("report", file.toString());

        assertRejected(result, "not UTF-8 text");
    }

    @Test
    void keepsTheErrorOnOneLine_whenTheJsonIsBrokenAcrossLines() throws IOException {
        Cli.Result result = report("[\n{\"className\":\n\n}");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).hasLineCount(1).startsWith("reftrack report: ").doesNotContain("Source:",
                "StreamReadFeature");
    }
}
