package io.github.reftrack.absent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No class initializer acts: with tracking off, loading and using reftrack starts no
 * {@code reftrack-*} thread and registers no MXBean. Runs {@link QuietMain} in a child JVM (this
 * JVM's default runtime is long started), and the same program with tracking on as the control,
 * so the test can fail.
 */
class QuietLoadTest {

    private static String run(String mode) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.mode=" + mode, "-Djava.util.logging.config.file=/dev/null",
                "-p", Path.of("target", "classes").toString(), "--add-modules",
                "io.github.reftrack,java.management", "--add-reads", "io.github.reftrack=java.management",
                "-cp", Path.of("target", "test-classes").toString(), QuietMain.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("child JVM finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code; output:%n%s", output).isZero();
        return output;
    }

    @Test
    void noThreadAndNoMxBean_whenTrackingIsOff() throws Exception {
        assertThat(run("off")).contains("mode=OFF threads=[] mbean=false");
    }

    @Test
    void housekeeperAndMxBeanStart_whenTheFirstTrackingDirectoryIsCreated() throws Exception {
        assertThat(run("full")).contains("mode=FULL threads=[reftrack-housekeeper] mbean=true");
    }
}
