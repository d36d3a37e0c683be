package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reftrack report} on every input it reads besides saved reports: standard input,
 * JSON-lines event logs (written for real by a child JVM), a demo run that leaked without stacks,
 * and a file that ends too early.
 */
class ReportInputsTest {

    @TempDir
    Path dir;

    private static Cli.Result withStdin(String text, String... args) {
        InputStream saved = ReportCommand.stdin;
        ReportCommand.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        try {
            return Cli.run(args);
        } finally {
            ReportCommand.stdin = saved;
        }
    }

    @Test
    void readsStandardInput_whenTheFileIsADash() {
        Cli.Result result = withStdin(Reports.connection().toJson(), "report", "-");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo(Reports.connection().toString());
    }

    @Test
    void namesStandardInput_whenItIsNotJson() {
        Cli.Result result = withStdin("nothing here", "report", "-");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).startsWith("reftrack report: standard input is not a reftrack JSON report:"
                + " not valid JSON: Unrecognized token 'nothing'");
    }

    @Test
    void rendersTheLeakEveryLineOfALogRecords_whenAChildJvmWroteTheLog() throws IOException, InterruptedException {
        Path log = dir.resolve("events.jsonl");
        run(RaisingEvents.class, "-Dreftrack.mode=full", "-Dreftrack.jsonLog=" + log);
        assertThat(Files.readAllLines(log)).as("the child's JSON log").hasSizeGreaterThanOrEqualTo(2);

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.err()).isEmpty();
        assertThat(result.out()).as(result.toString())
                .containsPattern("(?m)^# leak at \\d{4}-\\d\\d-\\d\\dT")
                .containsPattern("connection@[0-9a-f]{16} has 1/1 users at\n  held by: pool\n"
                        + " +io\\.github\\.reftrack\\.cli\\.RaisingEvents\\.leak\\(RaisingEvents\\.java:\\d+\\)\n")
                .containsPattern("(?m)^# doubleRelease at ")
                .containsPattern("double release of a reference to session@[0-9a-f]{16}\n  taken at\n"
                        + " +io\\.github\\.reftrack\\.cli\\.RaisingEvents\\.releaseTwice"
                        + "\\(RaisingEvents\\.java:\\d+\\)")
                .contains("  first released at\n", "  released again at\n");
    }

    @Test
    void rendersEveryEventAndIgnoresNewFields_whenALogLineHasFieldsThisVersionDoesNotKnow() throws IOException {
        String leak = Reports.connection().toJson().replaceFirst("\\{", "{\"timestamp\":\"2026-11-30T10:00:00Z\","
                + "\"event\":\"leak\",\"fingerprints\":[\"ffeeddccbbaa9988\"],\"untracked\":0,\"oldest\":12,");
        String future = "{\"timestamp\":\"2026-11-30T10:00:01Z\",\"event\":\"somethingNew\",\"x\":1}";
        String stuck = "{\"timestamp\":\"2026-11-30T10:00:02Z\",\"event\":\"teardownStuck\",\"what\":\"pool shutdown\","
                + "\"waitedMillis\":1000,\"remaining\":3,\"holders\":[" + Reports.connection().toJson() + "]}";
        Path log = Files.writeString(dir.resolve("log.jsonl"), leak + "\n\n" + future + "\n" + stuck + "\n");

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).isEqualTo("# leak at 2026-11-30T10:00:00Z\n" + Reports.connection() + "\n"
                + "# somethingNew at 2026-11-30T10:00:01Z\n(an event this version of reftrack does not render)\n\n"
                + "# teardownStuck at 2026-11-30T10:00:02Z\n"
                + "teardown of pool shutdown stuck for 1000 ms: 3 references still held\n" + Reports.connection()
                + "\n");
    }

    @Test
    void namesTheLine_whenALogLineIsBroken() throws IOException {
        String good = "{\"event\":\"misuse\",\"kind\":\"FOREIGN\",\"dirName\":\"d@1\",\"message\":\"m\",\"at\":[]}";
        Path log = Files.writeString(dir.resolve("log.jsonl"), good + "\n" + good + "\n{\"event\":\"leak\"}\n");

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack report: " + log + " is not a reftrack JSON report: line 3:"
                + " missing field \"groups\"\n");
    }

    @Test
    void saysTheRunLeakedWithoutStacksAndExitsWithThree_whenTheDemoRanWithTrackingOff() throws IOException {
        Cli.Result demo = Cli.run("demo", "--ops", "2000", "--threads", "2", "--kill-all-deadline", "300",
                "--tracking", "off", "--inject-leak", "readdir-raw-drop", "--json");
        assertThat(demo.exitCode()).as(demo.toString()).isEqualTo(ExitCode.LEAKS);
        Path file = Files.writeString(dir.resolve("off.json"), demo.out());

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).matches("leaked, with no stacks recorded \\(tracking off\\): \\d+ delayed nodes?"
                + " stuck \\(inodes? \\d+(, \\d+)*\\)\nrun with tracking full \\(or sample\\) to see the stacks that"
                + " hold the references\n");
    }

    @Test
    void saysTheFileIsTruncatedInOneLine_whenItEndsInsideAValue() throws IOException {
        String json = Reports.connection().toJson();
        Path file = Files.writeString(dir.resolve("cut.json"), json.substring(0, json.length() / 2));

        Cli.Result result = Cli.run("report", file.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).matches("reftrack report: \\S+ is not a reftrack JSON report: the input ends in the"
                + " middle of a JSON value \\(a truncated file\\?\\) at line 1, column \\d+\n");
    }

    private static void run(Class<?> mainClass, String... jvmOptions) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ChildJvm.command(mainClass, jvmOptions)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(mainClass.getName() + " did not finish within 60 s");
        }
    }
}
