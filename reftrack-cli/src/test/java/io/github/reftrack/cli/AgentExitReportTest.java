package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reftrack report} on the JSON log of a JVM run with the agent prints, for the exit
 * summary's events, the text the agent printed at exit.
 */
class AgentExitReportTest {
    private static final String SPEC = "class=" + LeaksOnTwoStacks.Lease.class.getName()
            + ",acquire=borrow,release=giveBack,birth=<init>";
    private static final String AGENT = System.getProperty(AttachCommand.AGENT_JAR_PROPERTY,
            "../reftrack-agent/target/reftrack-agent.jar");
    private static final String EXIT = "reftrack-agent at exit: ";
    private static final String BORROWED = LeaksOnTwoStacks.class.getName() + ".leakBorrowed(";
    private static final String BORN = LeaksOnTwoStacks.class.getName() + ".leakBorn(";

    @Test
    void reportOfTheJsonLogPrintsTheExitSummaryAsTheProcessDid(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("events.jsonl");
        String output = run(dir, "-javaagent:" + Path.of(AGENT).toAbsolutePath() + "=" + SPEC,
                "-Dreftrack.jsonLog=" + log);
        assertThat(output).as(output).contains("leaked", EXIT);
        String exitReport = output.substring(output.indexOf(EXIT));

        Cli.Result report = Cli.run("report", log.toString());

        assertThat(report.exitCode()).as(report.toString()).isEqualTo(ExitCode.LEAKS);
        List<String> totals = exitSummaries(report.out());
        assertThat(totals).as(report.out()).hasSize(2);
        // the GC finds the leases in no set order: the stacks' totals may come either way round
        assertThat(totals).anySatisfy(total -> assertThat(total).startsWith("lease at exit: 3 object(s) leaked 6"
                + " reference(s) at\n  acquire site: 3 taken, 0 released\n     " + BORROWED))
                .anySatisfy(total -> assertThat(total).startsWith("lease at exit: 2 object(s) leaked 2 reference(s)"
                        + " at\n     " + BORN));
        assertThat(exitReport).isEqualTo(EXIT + "2 distinct leak(s) found by the GC\n" + String.join("", totals));
    }

    /** The texts {@code reftrack report} printed for exit summaries, each with the blank line after it. */
    private static List<String> exitSummaries(String out) {
        List<String> texts = new ArrayList<>();
        for (String chunk : out.split("(?m)^# leak at \\S+\n")) {
            if (chunk.startsWith("lease at exit")) {
                texts.add(chunk);
            }
        }
        return texts;
    }

    /** Runs {@link LeaksOnTwoStacks} on its own class directory (the agent jar brings the core). */
    private static String run(Path dir, String... jvmOptions) throws IOException, InterruptedException,
            URISyntaxException {
        Path classes = Path.of(LeaksOnTwoStacks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx64m"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classes.toString(), LeaksOnTwoStacks.class.getName()));
        Path output = dir.resolve("child.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(LeaksOnTwoStacks.class.getName() + " did not finish within 60 s");
        }
        return Files.readString(output);
    }
}
