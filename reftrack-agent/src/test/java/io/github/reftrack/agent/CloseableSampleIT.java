package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code closeable} profile in {@code sample} mode: the sampling draw comes before the opening
 * stack walk, and a sampled stream is tracked exactly as in full mode. {@code FilesApp} leaks one
 * {@code FileInputStream} in 10 among 10,000 (1,000 leaks); with one object in 8 sampled, the chance
 * that no leaking stream is sampled is (7/8)^1000, below 1e-50.
 */
class CloseableSampleIT {
    private static final String OPENED_AT = "example.closeable.FilesApp.open(FilesApp.java:56)";

    @TempDir
    Path dir;

    private List<LeakReport> run(String leakEvery) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable,mode=sample"), "-Dreftrack.sample=8",
                "-Dreftrack.jsonLog=" + json), Child.classpath(null), "example.closeable.FilesApp", "10000", leakEvery);
        assertThat(output).doesNotContain("already released").doesNotContain("misuse").doesNotContain("Exception");
        List<LeakReport> leaks = new ArrayList<>();
        for (RefTrackerEvent event : Reports.events(json)) {
            assertThat(event).isInstanceOf(LeakReport.class);
            leaks.add((LeakReport) event);
        }
        return leaks;
    }

    @Test
    void sampledLeaksAreReportedAtTheOpeningLine_eachObjectOnce_asASampleOfOneIn8() throws Exception {
        List<LeakReport> leaks = run("10");

        assertThat(leaks).isNotEmpty().allSatisfy(leak -> {
            assertThat(leak.sampleInterval()).isEqualTo(8);
            assertThat(leak.groups()).singleElement()
                    .satisfies(group -> assertThat(group.frames().get(0)).hasToString(OPENED_AT));
        });
        List<LeakReport> perObject = leaks.stream().filter(leak -> !leak.isExitSummary()).toList();
        assertThat(perObject).hasSizeBetween(1, 1000)
                .allSatisfy(leak -> assertThat(leak.groups().get(0).objects()).isEqualTo(1));
        assertThat(leaks.stream().filter(LeakReport::isExitSummary)).singleElement().satisfies(total -> {
            assertThat(total.groups().get(0).objects()).isEqualTo(perObject.size());
            assertThat(total.totalUsers()).isEqualTo(perObject.size());
            assertThat(total.estimatedObjects()).isEqualTo(8L * perObject.size());
        });
    }

    @Test
    void nothingIsReported_whenEveryStreamIsClosed() throws Exception {
        assertThat(run("0")).isEmpty();
    }
}
