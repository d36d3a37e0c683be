package io.github.reftrack.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.CallStack;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakHistory;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded per-fingerprint history of leaks that {@code reftrack dump} shows. */
class LeakRecorderTest {
    private static final Instant START = Instant.parse("2026-12-06T18:00:00Z");
    private static final CallStack OPEN = stack("open");
    private static final CallStack READ = stack("read");
    private static final CallStack WRITE = stack("write");

    private Instant now = START;
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    };

    private static CallStack stack(String method) {
        return CallStack.of(List.of(new StackTraceElement("com.example.Files", method, "Files.java", 7)));
    }

    private static LeakReport leak(String className, CallStack... stacks) {
        List<LeakReport.Group> groups = java.util.Arrays.stream(stacks)
                .map(s -> new LeakReport.Group(1, s, List.of(), null, null, 0, null)).toList();
        return new LeakReport(className, className + "@0000000000000001", stacks.length, 0, groups);
    }

    @Test
    void countsLeaksByFingerprint_withFirstAndLastSeen() {
        LeakRecorder recorder = new LeakRecorder(clock, 8);

        recorder.accept(leak("file", OPEN));
        now = START.plus(Duration.ofSeconds(5));
        recorder.accept(leak("file", READ));
        now = START.plus(Duration.ofSeconds(9));
        recorder.accept(leak("file", OPEN));

        LeakHistory history = recorder.history();
        assertThat(history.entries()).extracting(LeakHistory.Entry::fingerprint, LeakHistory.Entry::count,
                LeakHistory.Entry::firstSeen, LeakHistory.Entry::lastSeen).containsExactly(
                tuple(OPEN.fingerprint(), 2L, START, START.plusSeconds(9)),
                tuple(READ.fingerprint(), 1L, START.plusSeconds(5), START.plusSeconds(5)));
        assertThat(history.total()).isEqualTo(3);
    }

    @Test
    void exitSummaryIsNotCountedAgain_byTheHistoryOrTheMxBeanCounts() {
        LeakRecorder recorder = new LeakRecorder(clock, 8);
        EventCounts counts = new EventCounts();
        LeakReport one = leak("lease", OPEN);
        LeakReport summary = new LeakReport("lease", "lease" + LeakReport.EXIT_SUMMARY_SUFFIX, 2, 0,
                List.of(new LeakReport.Group(2, OPEN, List.of(), null, null, 2, null)));

        for (LeakReport event : List.of(one, one, summary)) {
            recorder.accept(event);
            counts.accept(event);
        }

        assertThat(summary.isExitSummary()).isTrue();
        assertThat(one.isExitSummary()).isFalse();
        assertThat(recorder.history().entries()).singleElement().extracting(LeakHistory.Entry::count).isEqualTo(2L);
        assertThat(counts.leaks()).isEqualTo(2);
    }

    @Test
    void countsEachStackOfAReport_abandonedDirectoriesAndLostReferences_butNotDoubleReleases() {
        LeakRecorder recorder = new LeakRecorder(clock, 8);

        recorder.accept(leak("file", OPEN, READ));
        recorder.accept(new AbandonedDirectory(leak("file", OPEN), 0));
        recorder.accept(new LostReference("file", "file@1", null, WRITE));
        recorder.accept(new DoubleRelease("file", "file@1", null, OPEN, READ, WRITE, false, null));

        assertThat(recorder.history().entries()).extracting(LeakHistory.Entry::fingerprint,
                LeakHistory.Entry::count).containsExactly(tuple(OPEN.fingerprint(), 2L),
                tuple(READ.fingerprint(), 1L), tuple(WRITE.fingerprint(), 1L));
    }

    @Test
    void keepsTheFirstStacksUpToItsCapacity_andCountsLeaksOnOthersAsOverflow() {
        LeakRecorder recorder = new LeakRecorder(clock, 2);

        recorder.accept(leak("file", OPEN));
        recorder.accept(leak("file", READ));
        recorder.accept(leak("file", WRITE));
        recorder.accept(leak("file", WRITE));
        recorder.accept(leak("file", OPEN));

        LeakHistory history = recorder.history();
        assertThat(history.entries()).extracting(LeakHistory.Entry::stack).containsExactly(OPEN, READ);
        assertThat(history.overflow()).isEqualTo(2);
        assertThat(history.total()).isEqualTo(5);
        assertThat(history.toString()).startsWith("# leaks reported in this JVM: 5 on 2 stacks\n")
                .endsWith("and 2 more on stacks not kept (at most 2 distinct stacks are kept)\n");
    }

    @Test
    void rendersEachStackInTheReportShape_andSaysNoneWhenEmpty() {
        LeakRecorder recorder = new LeakRecorder(clock, 8);
        assertThat(recorder.history().toString()).isEqualTo("# leaks reported in this JVM: none\n");

        recorder.accept(leak("file", OPEN));
        now = START.plusMillis(61_500);
        recorder.accept(leak("file", OPEN));

        assertThat(recorder.history().toString()).isEqualTo("# leaks reported in this JVM: 2 on 1 stack\n"
                + "file leaked 2 times at  [fingerprint " + OPEN.fingerprint() + "]\n"
                + "  first seen 2026-12-06T18:00:00Z, last seen 2026-12-06T18:01:01Z\n"
                + "     com.example.Files.open(Files.java:7)\n\n");
    }

    @Test
    void filtersByClass() {
        LeakRecorder recorder = new LeakRecorder(clock, 8);
        recorder.accept(leak("file", OPEN));
        recorder.accept(leak("socket", READ));

        assertThat(recorder.history().ofClass("socket").entries()).extracting(LeakHistory.Entry::className)
                .containsExactly("socket");
    }

    @Test
    void rejectsANegativeCapacity() {
        assertThatThrownBy(() -> new LeakRecorder(clock, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity must be >= 0");
    }
}
