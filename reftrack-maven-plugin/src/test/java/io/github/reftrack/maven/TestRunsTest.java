package io.github.reftrack.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling a clean run (no logs, tests ran) from a build that ran no tests with the agent. */
class TestRunsTest {
    private static final FileTime PREPARED = FileTime.from(Instant.parse("2026-12-06T18:00:00Z"));

    @TempDir
    Path build;

    private Path prepare() throws IOException {
        Path logs = Files.createDirectories(build.resolve("reftrack"));
        Files.setLastModifiedTime(Files.writeString(logs.resolve(TestRuns.MARKER), "x"), PREPARED);
        return logs;
    }

    private void report(String dir, Instant at) throws IOException {
        Path file = Files.createDirectories(build.resolve(dir)).resolve("TEST-x.xml");
        Files.setLastModifiedTime(Files.writeString(file, "<x/>"), FileTime.from(at));
    }

    @Test
    void ran_whenASurefireReportIsNewerThanTheMarker() throws IOException {
        Path logs = prepare();
        report("surefire-reports", Instant.parse("2026-12-06T18:01:00Z"));

        assertThat(TestRuns.ranSincePrepared(logs, build)).isTrue();
    }

    @Test
    void ran_whenAFailsafeReportIsNewerThanTheMarker() throws IOException {
        Path logs = prepare();
        report("failsafe-reports", Instant.parse("2026-12-06T18:01:00Z"));

        assertThat(TestRuns.ranSincePrepared(logs, build)).isTrue();
    }

    @Test
    void notRun_whenTheReportsAreFromAnEarlierBuild() throws IOException {
        Path logs = prepare();
        report("surefire-reports", Instant.parse("2026-12-06T17:00:00Z"));

        assertThat(TestRuns.ranSincePrepared(logs, build)).isFalse();
    }

    @Test
    void notRun_whenPrepareAgentDidNotRun() throws IOException {
        report("surefire-reports", Instant.parse("2026-12-06T18:01:00Z"));

        assertThat(TestRuns.ranSincePrepared(build.resolve("reftrack"), build)).isFalse();
    }
}
