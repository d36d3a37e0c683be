package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    void printsWhatTheProcessLogged_fromItsJsonLogAndFromItsJfrRecording() throws IOException, InterruptedException {
        Path log = dir.resolve("events.jsonl");
        Path jfr = dir.resolve("events.jfr");
        String logged = run(RaisingEvents.class, "-Dreftrack.mode=full", "-Dreftrack.jsonLog=" + log,
                "-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true",
                "-Djava.util.logging.SimpleFormatter.format=%4$s: %5$s%n");

        Cli.Result fromLog = Cli.run("report", log.toString());
        Cli.Result fromJfr = Cli.run("report", jfr.toString());

        assertThat(fromLog.exitCode()).as(fromLog.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(fromJfr.exitCode()).as(fromJfr.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(fromLog.err()).isEmpty();
        assertThat(fromJfr.err()).isEmpty();
        List<String> texts = eventTexts(fromLog.out());
        assertThat(texts).as(fromLog.out()).hasSize(4);
        for (String text : texts) {
            assertThat(logged).as("the child's log").contains(text);
        }
        assertThat(eventTexts(fromJfr.out())).isEqualTo(texts);
        assertThat(fromLog.out()).as(fromLog.toString())
                .containsPattern("(?m)^# leak at \\d{4}-\\d\\d-\\d\\dT")
                .containsPattern("connection@[0-9a-f]{16} has 1/1 users at\n  held by: pool\n"
                        + " +io\\.github\\.reftrack\\.cli\\.RaisingEvents\\$PoolHandler\\.handle"
                        + "\\(RaisingEvents\\.java:\\d+\\)\n"
                        + " +io\\.github\\.reftrack\\.cli\\.RaisingEvents\\$Handler\\.deliver\\(")
                .containsPattern("session@[0-9a-f]{16}: reference already released.\nallocated in:\n"
                        + " io\\.github\\.reftrack\\.cli\\.RaisingEvents\\.releaseTwice"
                        + "\\(RaisingEvents\\.java:\\d+\\)")
                .contains("\nfreed in:\n", "\nreleased again in:\n", "# misuse at ");
    }

    /** The event texts of {@code reftrack report}'s output on a log: what follows each heading. */
    private static List<String> eventTexts(String out) {
        List<String> texts = new ArrayList<>();
        for (String chunk : out.split("(?m)^# \\S+ at \\S+\n")) {
            if (!chunk.isEmpty()) {
                texts.add(chunk.substring(0, chunk.length() - 1));
            }
        }
        return texts;
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
        String good = "{\"event\":\"misuse\",\"kind\":\"FOREIGN_TRACKER\",\"className\":\"d\",\"dirName\":\"d@1\","
                + "\"message\":\"m\",\"at\":[]}";
        Path log = Files.writeString(dir.resolve("log.jsonl"), good + "\n" + good + "\n{\"event\":\"leak\"}\n");

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack report: " + log + " is not a reftrack JSON report: line 3:"
                + " missing field \"groups\"\n");
    }

    @Test
    void skipsATornLastLineWithAWarning_whenTheWriterWasStoppedMidLine() throws IOException {
        String line = Reports.connection().toJson().replaceFirst("\\{", "{\"event\":\"leak\",");
        Path log = Files.writeString(dir.resolve("torn.jsonl"), (line + "\n").repeat(50)
                + line.substring(0, line.length() / 2));

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out().split("# leak\n", -1)).hasSize(51);
        assertThat(result.err()).isEqualTo("reftrack report: " + log + ": skipped line 51: it ends in the middle of"
                + " a JSON value (the process was stopped while writing it?)\n");
    }

    @Test
    void namesAndFramesFromTheInputAreEscaped_soTheyCannotForgeLines() throws IOException {
        String line = "{\"event\":\"lostReference\",\"className\":\"c\",\"dirName\":\"c@1\",\"holder\":null,"
                + "\"fingerprint\":\"0123456789abcdef\",\"allocatedAt\":[{\"class\":\"a\\nSEVERE: leaked references:\","
                + "\"method\":\"m\\r\",\"file\":\"F\\u001b.java\",\"line\":1}]}";
        Path log = Files.writeString(dir.resolve("forged.jsonl"), line + "\n" + line + "\n");

        Cli.Result result = Cli.run("report", log.toString());

        assertThat(result.out()).doesNotContain("\nSEVERE", "\r", "\u001b")
                .contains(" a\\nSEVERE: leaked references:.m\\r(F\\u001b.java:1)\n");
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

    /** Runs a child JVM to its end and returns its output (its log), which is not echoed. */
    private static String run(Class<?> mainClass, String... jvmOptions) throws IOException, InterruptedException {
        Path output = Files.createTempFile("child", ".log");
        try {
            Process process = new ProcessBuilder(ChildJvm.command(mainClass, jvmOptions)).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(mainClass.getName() + " did not finish within 60 s");
            }
            return Files.readString(output);
        } finally {
            Files.delete(output);
        }
    }
}
