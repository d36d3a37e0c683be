package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
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
 * {@code reftrack attach} loads one agent per JVM, checks profiles before it loads, prints what
 * the agent started with, and fails when nothing could be tracked.
 */
class AttachOnceTest {
    private static final String SPEC = "class=" + AttachTarget.Lease.class.getName()
            + ",acquire=borrow,release=giveBack,birth=<init>";
    private static final String AGENT = System.getProperty(AttachCommand.AGENT_JAR_PROPERTY,
            "../reftrack-agent/target/reftrack-agent.jar");

    @TempDir
    Path dir;

    /** A JVM started without the agent on its class path, its standard error captured in a file. */
    private final class Target implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final Path stderr = dir.resolve("stderr-" + System.nanoTime() + ".txt");

        Target(Class<?> main, String... jvmOptions) throws IOException {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx64m"));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", classpathWithoutAgent(), main.getName()));
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("READY");
        }

        String pid() {
            return Long.toString(process.pid());
        }

        Cli.Result attach(String... more) {
            List<String> args = new ArrayList<>(List.of("attach", pid()));
            args.addAll(List.of(more));
            args.addAll(List.of("--agent", AGENT));
            return Cli.run(args.toArray(String[]::new));
        }

        /** Lets {@link AttachTarget} leak and exit; returns its standard error. */
        String finish() throws Exception {
            process.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
            assertThat(out.readLine()).isEqualTo("LEAKED");
            process.getOutputStream().close();
            assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
            return Files.readString(stderr);
        }

        @Override
        public void close() throws IOException {
            process.destroyForcibly();
        }
    }

    private static String classpathWithoutAgent() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("reftrack-agent")).collect(Collectors.joining(File.pathSeparator));
    }

    private static String alreadyLoaded(Target target, String profiles) {
        return "reftrack attach: reftrack-agent is already loaded in JVM " + target.pid() + " (profiles " + profiles
                + ", mode full); use 'reftrack dump " + target.pid() + "'\n";
    }

    private static void assertOneCleanExitReport(String stderr) {
        assertThat(stderr.split("reftrack-agent at exit:", -1)).as(stderr).hasSize(2);
        assertThat(stderr).doesNotContain("already released").doesNotContain("leaked references")
                .doesNotContain("SEVERE");
    }

    @Test
    void secondAttachIsRefusedWithOneLine_whateverItsProfiles() throws Exception {
        try (Target target = new Target(AttachTarget.class)) {
            Cli.Result first = target.attach(SPEC);
            Cli.Result again = target.attach(SPEC);
            Cli.Result other = target.attach("netty", "--mode", "sample");
            String stderr = target.finish();

            assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCode.OK);
            assertThat(first.out()).contains("reftrack-agent loaded into JVM " + target.pid() + " (")
                    .contains("tracking class=" + AttachTarget.Lease.class.getName() + " in full mode with java"
                            + " stack capture").contains("1 loaded class(es) instrumented");
            String refusal = alreadyLoaded(target, "class=" + AttachTarget.Lease.class.getName());
            assertThat(again.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(again.err()).isEqualTo(refusal);
            assertThat(other.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(other.err()).isEqualTo(refusal);
            assertOneCleanExitReport(stderr);
            assertThat(stderr).contains("still outstanding on live objects")
                    .containsPattern("(?m)^lease has 1/4 users at");
        }
    }

    @Test
    void attachIsRefused_whenTheJvmStartedWithTheAgent() throws Exception {
        try (Target target = new Target(AttachTarget.class, "-javaagent:" + AGENT + "=" + SPEC)) {
            Cli.Result attach = target.attach("netty");
            String stderr = target.finish();

            assertThat(attach.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(attach.err()).isEqualTo(alreadyLoaded(target, "class=" + AttachTarget.Lease.class.getName()));
            assertThat(attach.out()).isEmpty();
            assertOneCleanExitReport(stderr);
        }
    }

    @Test
    void badProfilesLoadNothing_andACorrectedAttachThenWorks() throws Exception {
        try (Target target = new Target(AttachTarget.class)) {
            Cli.Result typo = target.attach("nettyy");
            Cli.Result noFile = target.attach("@" + dir.resolve("missing.conf"));
            Cli.Result noClass = target.attach("class=no.such.Lease,acquire=borrow,release=giveBack");
            Cli.Result corrected = target.attach(SPEC);
            String stderr = target.finish();

            assertThat(typo.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(typo.err()).contains("reftrack attach: unknown profile 'nettyy': use netty, lucene")
                    .contains("reftrack attach: nothing was loaded into JVM " + target.pid());
            assertThat(noFile.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(noFile.err()).contains("cannot read profile file '" + dir.resolve("missing.conf"));
            assertThat(noClass.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(noClass.out()).doesNotContain("loaded");
            assertThat(noClass.err()).contains("spec for class no.such.Lease: no such class on the class path")
                    .contains("reftrack-agent started in JVM " + target.pid() + " but nothing is tracked");
            assertThat(corrected.exitCode()).as(corrected.toString()).isEqualTo(ExitCode.OK);
            assertOneCleanExitReport(stderr);
        }
    }

    @Test
    void profileFileIsReadByTheAgent_notExpandedByTheCommandLine() throws Exception {
        Path file = dir.resolve("leases.conf");
        Files.writeString(file, "# the target's leases\n" + SPEC + ",name=target_lease\n");
        try (Target target = new Target(AttachTarget.class)) {
            Cli.Result attach = target.attach("@" + file);
            String stderr = target.finish();

            assertThat(attach.exitCode()).as(attach.toString()).isEqualTo(ExitCode.OK);
            assertThat(attach.out()).contains("tracking class=" + AttachTarget.Lease.class.getName());
            assertThat(stderr).containsPattern("(?m)^target_lease has 1/4 users at");
            assertOneCleanExitReport(stderr);
        }
    }

    @Test
    void targetExitingDuringTheAttachGetsOneClearLine() throws Exception {
        try (Target target = new Target(ExitDuringAttachTarget.class)) {
            Cli.Result attach = target.attach(SPEC);

            assertThat(attach.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(attach.err()).isEqualTo("reftrack attach: JVM " + target.pid() + " exited during the attach:"
                    + " reftrack-agent may have started before it did (its standard error says); there is nothing"
                    + " left to track\n");
        }
    }
}
