package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.delayedinode.InjectionSite;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's small promises: helpful usage errors, JSON where asked, names and help that are true. */
class CliPolishTest {

    @TempDir
    Path dir;

    @Test
    void listsTheCommands_whenTheCommandIsUnknown() {
        Cli.Result result = Cli.run("frobnicate");

        var names = new CommandLine(new ReftrackCommand()).getSubcommands().keySet();
        String commands = String.join(", ", names);
        assertThat(names).contains("demo", "dump", "ps", "report");
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack: unknown command 'frobnicate': use one of " + commands
                + " (see 'reftrack --help')\n");
    }

    @Test
    void printsTheSitesAsJson_whenListingThemWithJson() throws Exception {
        Cli.Result result = Cli.run("demo", "--list-sites", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        JsonNode sites = new ObjectMapper().readTree(result.out());
        assertThat(sites.size()).isEqualTo(InjectionSite.values().length);
        for (int i = 0; i < sites.size(); i++) {
            assertThat(sites.get(i).get("name").asText()).isEqualTo(InjectionSite.values()[i].cliName());
            assertThat(sites.get(i).get("description").asText()).isEqualTo(InjectionSite.values()[i].description());
        }
    }

    @Test
    void saysTheTargetNeedsNoFlag_inDumpsHelp() {
        Cli.Result result = Cli.run("dump", "--help");

        assertThat(result.out().replaceAll("\\s+", " ")).contains("The JVM needs no flag")
                .doesNotContain("must run with");
    }

    @Test
    void namesTheSourceFile_whenTheJvmRunsASourceFileProgram() {
        Properties properties = new Properties();
        properties.setProperty("sun.java.command", "jdk.compiler/com.sun.tools.javac.launcher.Main"
                + " examples/ConnectionLeak.java --verbose");

        assertThat(AttachedJvm.mainClassOf(properties)).isEqualTo("examples/ConnectionLeak.java (source file)");
    }

    @Test
    void namesTheMainClass_whenTheJvmRunsAClass() {
        Properties properties = new Properties();
        properties.setProperty("sun.java.command", "com.example.Server --port 8080");

        assertThat(AttachedJvm.mainClassOf(properties)).isEqualTo("com.example.Server");
    }

    @Test
    void printsTheLeakOnceAndTheWatchdogAsOneLineEach_whenTheDemoLeaks() {
        Cli.Result result = Cli.run("demo", "--ops", "2000", "--threads", "2", "--kill-all-deadline", "1500",
                "--inject-leak", "insert-dir-index-get");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out().split("users at\n", -1)).as(result.toString()).hasSize(2);
        assertThat(result.err()).as(result.toString()).doesNotContain("users at")
                .containsPattern("(?m)^reftrack demo: teardown of killAllDelayedNodes of root \\d+ stuck for \\d+ ms:"
                        + " 1 reference still held$");
    }

    @Test
    void rejectsTheUnknownWord_whenItComesBeforeACommand() {
        Cli.Result result = Cli.run("foo", "dump");

        String commands = String.join(", ", new CommandLine(new ReftrackCommand()).getSubcommands().keySet());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack: unknown command 'foo': use one of " + commands
                + " (see 'reftrack --help')\n");
    }

    @Test
    void printsTheCommandsUsage_whenAskedForHelpOnIt() {
        Cli.Result result = Cli.run("help", "dump");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).startsWith("Usage: reftrack dump ").contains("PID");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsTheCommandsAndHelp_whenAskedForHelp() {
        Cli.Result result = Cli.run("help");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).startsWith("Usage: reftrack ").containsPattern("(?m)^ +help +")
                .containsPattern("(?m)^ +report +").contains("4   standard output could not be written");
    }

    @Test
    void listsTheCommands_whenAskedForHelpOnAnUnknownOne() {
        Cli.Result result = Cli.run("help", "nope");

        String commands = String.join(", ", new CommandLine(new ReftrackCommand()).getSubcommands().keySet());
        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack help: unknown command 'nope': use one of " + commands
                + " (see 'reftrack --help')\n");
    }

    @Test
    void saysWhyAndExitsWithFour_whenStandardOutputCannotBeWritten() throws IOException {
        String leak = Reports.connection().toJson().replaceFirst("\\{", "{\"event\":\"leak\",");
        Path log = Files.writeString(dir.resolve("log.jsonl"), leak + "\n");
        StringWriter err = new StringWriter();

        int code = Main.execute(new FullDisk(), new PrintWriter(err), "report", log.toString());

        assertThat(code).isEqualTo(ExitCode.OUTPUT);
        assertThat(err).hasToString("reftrack report: cannot write the report to standard output:"
                + " No space left on device\n");
    }

    @Test
    void saysTheOutputIsLost_whenACommandThatPrintsNoReportCannotWrite() {
        StringWriter err = new StringWriter();

        int code = Main.execute(new FullDisk(), new PrintWriter(err), "demo", "--list-sites");

        assertThat(code).isEqualTo(ExitCode.OUTPUT);
        assertThat(err).hasToString("reftrack demo: cannot write the output to standard output:"
                + " No space left on device\n");
    }

    @Test
    void saysWhyAndExitsWithFour_whenStandardOutputIsDevFull() throws Exception {
        File full = new File("/dev/full");
        assumeTrue(full.canWrite(), "needs /dev/full (Linux)");
        Path report = Files.writeString(dir.resolve("one.json"), Reports.connection().toJson());
        List<String> command = new ArrayList<>(ChildJvm.command(Main.class));
        command.addAll(List.of("report", report.toString()));

        Process process = new ProcessBuilder(command).redirectOutput(full).start();
        process.getOutputStream().close();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(err).isEqualTo(ExitCode.OUTPUT);
        assertThat(err).isEqualTo("reftrack report: cannot write the report to standard output:"
                + " No space left on device" + System.lineSeparator());
    }

    /** Standard output on a full disk. */
    private static final class FullDisk extends Writer {
        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
