package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two commands together, as the README shows them: {@code reftrack demo --inject-leak ... --wait}
 * in one JVM, {@code reftrack dump PID} of it from another.
 */
class DemoWaitTest {

    @Test
    void dumpOfAWaitingDemoShowsTheStuckNode_andTheDemoExitsWithThreeWhenInputEnds() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--ops", "2000", "--threads", "2", "--kill-all-deadline", "300",
                "--inject-leak", "evict-inode-cache-release", "--wait");
        Process demo = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            long pid = waitingPid(demo);
            assertThat(pid).isEqualTo(demo.pid());

            Cli.Result dump = Cli.run("dump", Long.toString(pid));

            assertThat(dump.exitCode()).as(dump.toString()).isEqualTo(ExitCode.OK);
            assertThat(dump.out()).containsPattern("delayed_node@[0-9a-f]{16} has 1/1 users at\n"
                    + "  held by: inode_cache\n"
                    + "     io\\.github\\.reftrack\\.delayedinode\\.DelayedNodes\\.getOrCreateDelayedNode\\(");
            demo.getOutputStream().close();
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(demo.exitValue()).isEqualTo(ExitCode.LEAKS);
        } finally {
            demo.destroyForcibly();
        }
    }

    private static long waitingPid(Process demo) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(demo.getErrorStream(), StandardCharsets.UTF_8));
        String prefix = "reftrack demo: waiting as pid ";
        for (String line; (line = err.readLine()) != null; ) {
            if (line.startsWith(prefix)) {
                Thread drain = new Thread(() -> err.lines().forEach(ignored -> { }), "drain-demo-stderr");
                drain.setDaemon(true);
                drain.start();
                return Long.parseLong(line.substring(prefix.length(), line.indexOf(';')));
            }
        }
        throw new IOException("the demo ended without waiting; exit code " + demo.exitValue());
    }
}
