package io.github.reftrack.absent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.ChildJvm;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No class initializer acts: with tracking off, loading and using reftrack starts no
 * {@code reftrack-*} thread and registers no MXBean. Runs {@link QuietMain} in a child JVM (this
 * JVM's default runtime is long started), and the same program with tracking on as the control,
 * so the test can fail.
 */
class QuietLoadTest {

    private static String run(String mode) throws Exception {
        return ChildJvm.run(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.mode=" + mode, "-Djava.util.logging.config.file=/dev/null",
                "-p", Path.of("target", "classes").toString(), "--add-modules",
                "io.github.reftrack,java.management", "--add-reads", "io.github.reftrack=java.management",
                "-cp", Path.of("target", "test-classes").toString(), QuietMain.class.getName()), 60);
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
