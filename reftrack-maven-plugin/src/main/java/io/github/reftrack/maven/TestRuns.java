package io.github.reftrack.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

/**
 * Whether tests ran with the agent since {@code prepare-agent}. A clean fork writes no event log,
 * so "no logs" alone cannot tell a clean run (whose baseline entries are all fixed) from a build
 * that ran no tests ({@code -DskipTests}, whose baseline says nothing): a Surefire or Failsafe
 * report written after {@code prepare-agent}'s marker file tells them apart.
 */
final class TestRuns {
    /** Written by {@code prepare-agent} into the log directory. */
    static final String MARKER = "prepared";
    private static final List<String> REPORT_DIRS = List.of("surefire-reports", "failsafe-reports");

    private TestRuns() {
    }

    /** True if {@code logDir} was prepared and a test report under {@code buildDir} is newer. */
    static boolean ranSincePrepared(Path logDir, Path buildDir) throws IOException {
        Path marker = logDir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        FileTime prepared = Files.getLastModifiedTime(marker);
        for (String name : REPORT_DIRS) {
            Path reports = buildDir.resolve(name);
            if (Files.isDirectory(reports) && anyNewer(reports, prepared)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyNewer(Path dir, FileTime than) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            for (Path file : list.toList()) {
                if (Files.getLastModifiedTime(file).compareTo(than) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
