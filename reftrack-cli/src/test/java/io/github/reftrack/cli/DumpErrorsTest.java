package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code reftrack dump} on everything that is not a JVM with reftrack: exit codes and one-line messages. */
class DumpErrorsTest {

    @Test
    void exitsWithOne_whenNoProcessHasThePid() {
        // Linux pids stay below 2^22, so this one never exists.
        Cli.Result result = Cli.run("dump", "2147483647");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("reftrack dump: no process with pid 2147483647"
                + " (did it exit? 'reftrack ps' lists the JVMs that have reftrack)\n");
    }

    @Test
    void exitsWithOneWithoutSignallingIt_whenTheProcessIsNotAJvm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result result = Cli.run("dump", Long.toString(sleeper.pid()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
            assertThat(result.err()).isEqualTo("reftrack dump: process " + sleeper.pid()
                    + " is not a JVM that can be attached to (not a Java process of this user, or started with"
                    + " -XX:-UsePerfData)\n");
            // the attach mechanism signals its target with SIGQUIT, which would have killed sleep
            assertThat(sleeper.isAlive()).isTrue();
        } finally {
            sleeper.destroy();
            sleeper.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void exitsWithOne_whenTheJvmHasNoReftrack() throws IOException {
        try (ChildJvm plain = ChildJvm.start(PlainJvm.class)) {
            Cli.Result result = Cli.run("dump", Long.toString(plain.pid()));

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.ERROR);
            assertThat(result.out()).isEmpty();
            assertThat(result.err()).isEqualTo("reftrack dump: JVM " + plain.pid() + " (" + PlainJvm.class.getName()
                    + ") has no reftrack MBean: system property reftrack.mbean is not set (reftrack is not loaded"
                    + " there, or no directory has been created with -Dreftrack.mode=full or sample)\n");
        }
    }

    @Test
    void exitsWithOne_whenThePidIsThisJvm() {
        long self = ProcessHandle.current().pid();

        Cli.Result result = Cli.run("dump", Long.toString(self));

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("reftrack dump: pid " + self
                + " is this reftrack command itself; give the pid of another JVM\n");
    }

    @Test
    void exitsWithTwo_whenThePidIsNotANumber() {
        Cli.Result result = Cli.run("dump", "java");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack dump: Invalid value for positional parameter at index 0 (PID):"
                + " 'java' is not a long (see 'reftrack dump --help')\n");
    }

    @Test
    void exitsWithTwo_whenThePidIsNotPositive() {
        Cli.Result result = Cli.run("dump", "--", "-5");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack dump: PID must be a positive process id, was -5"
                + " (see 'reftrack dump --help')\n");
    }

    @Test
    void exitsWithTwo_whenThePidIsMissing() {
        Cli.Result result = Cli.run("dump", "--json");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack dump: Missing required parameter: 'PID'"
                + " (see 'reftrack dump --help')\n");
    }
}
