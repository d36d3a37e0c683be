package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reftrack attach} on a JVM started without the agent ({@link AttachTarget}), then a leak,
 * then {@code reftrack dump}; and the usage errors.
 */
class AttachCommandTest {
    private static final String SPEC = "class=" + AttachTarget.Lease.class.getName()
            + ",acquire=borrow,release=giveBack,birth=<init>";
    private static final String AGENT = System.getProperty(AttachCommand.AGENT_JAR_PROPERTY,
            "../reftrack-agent/target/reftrack-agent.jar");

    @Test
    void leakAfterAttachIsShownByDump_andEarlierReferencesAreOnlyCounted(@TempDir Path dir) throws Exception {
        Path stderr = dir.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx64m"));
        if (Runtime.version().feature() >= 21) {
            // the test loads the agent dynamically on purpose: JDK 21+ would warn about it on the target's stderr
            command.add("-XX:+EnableDynamicAgentLoading");
        }
        command.addAll(List.of("-cp", classpathWithoutAgent(), AttachTarget.class.getName()));
        Process target = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(target.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream in = target.getOutputStream()) {
            assertThat(out.readLine()).isEqualTo("READY");

            Cli.Result attach = Cli.run("attach", Long.toString(target.pid()), SPEC, "--agent", AGENT);
            assertThat(attach.exitCode()).as(attach.toString()).isEqualTo(ExitCode.OK);
            assertThat(attach.out()).contains("reftrack-agent loaded into JVM " + target.pid());

            in.write("go\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertThat(out.readLine()).isEqualTo("LEAKED");

            Cli.Result dump = Cli.run("dump", Long.toString(target.pid()));
            assertThat(dump.exitCode()).as(dump.toString()).isEqualTo(ExitCode.OK);
            assertThat(dump.out()).as(dump.toString()).contains("4 live references in ")
                    .containsPattern("(?m)^lease has 1/4 users at( \\(oldest \\w+\\))?\n     "
                            + AttachTarget.class.getName().replace(".", "\\.") + "\\.leak\\(AttachTarget\\.java:")
                    .doesNotContain("lease@");
        } finally {
            target.waitFor(30, TimeUnit.SECONDS);
            target.destroyForcibly();
        }
        String report = Files.readString(stderr);
        assertThat(report).contains("3 release(s) of references taken before tracking started")
                .contains("still outstanding on live objects")
                .containsPattern("(?m)^lease has 1/4 users at( \\(oldest \\w+\\))?\n     "
                        + AttachTarget.class.getName().replace(".", "\\.") + "\\.leak\\(AttachTarget\\.java:")
                .doesNotContain("leaked references").doesNotContain("WARNING");
    }

    /** The target starts as any application would: without the agent's classes on its class path. */
    private static String classpathWithoutAgent() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("reftrack-agent")).collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void usageErrorNamesTheMode_whenModeIsNeitherFullNorSample() {
        Cli.Result result = Cli.run("attach", "4242", "netty", "--mode", "paranoid");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("--mode must be full or sample, was paranoid");
    }

    @Test
    void errorSaysHowToBuildTheAgent_whenTheJarIsMissing(@TempDir Path dir) {
        Cli.Result result = Cli.run("attach", Long.toString(ProcessHandle.current().pid()), "netty", "--agent",
                dir.resolve("none.jar").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).contains("cannot find reftrack-agent.jar").contains("--agent PATH");
    }
}
