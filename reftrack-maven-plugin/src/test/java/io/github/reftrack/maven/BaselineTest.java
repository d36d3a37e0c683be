package io.github.reftrack.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The baseline file: round trip, ratchet, and malformed input named by file and line. */
class BaselineTest {
    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-12-06T00:00:00Z");

    @TempDir
    Path dir;

    private static LeakGroup group(String fingerprint, String frame) {
        return new LeakGroup(Finding.Kind.LEAK, fingerprint, "netty_bytebuf", List.of(frame), 2, 3,
                Set.of("events-1.jsonl"));
    }

    @Test
    void writesAndReadsBack_keepingTheFirstSeenTime() throws IOException {
        Path file = dir.resolve("reftrack-baseline.json");
        Baseline.EMPTY.with(List.of(group("aaaa", "a.B.c(B.java:1)")), T0).write(file);

        Baseline again = Baseline.read(file).with(
                List.of(group("aaaa", "a.B.c(B.java:9)"), group("bbbb", "d.E.f(E.java:2)")), T1);

        assertThat(again.entries().get("aaaa").firstSeen()).isEqualTo(T0.toString());
        assertThat(again.entries().get("aaaa").firstFrame()).isEqualTo("a.B.c(B.java:9)");
        assertThat(again.entries().get("bbbb").firstSeen()).isEqualTo(T1.toString());
        assertThat(again.entries().get("bbbb").count()).isEqualTo(2);
    }

    @Test
    void verdict_listsNewGroupsAndStaleEntries() {
        Baseline baseline = Baseline.EMPTY.with(List.of(group("aaaa", "x"), group("gone", "y")), T0);

        Verdict verdict = Verdict.of(List.of(group("aaaa", "x"), group("cccc", "z")), baseline);

        assertThat(verdict.fresh()).extracting(LeakGroup::fingerprint).containsExactly("cccc");
        assertThat(verdict.stale()).extracting(Baseline.Entry::fingerprint).containsExactly("gone");
        assertThat(verdict.failing(Set.of(Finding.Kind.DOUBLE_RELEASE))).isEmpty();
        assertThat(verdict.failing(Set.of(Finding.Kind.LEAK))).hasSize(1);
    }

    @Test
    void readsAnAbsentFileAsEmpty() throws IOException {
        assertThat(Baseline.read(dir.resolve("absent.json")).entries()).isEmpty();
    }

    @Test
    void namesFileAndLine_ofInvalidJson() throws IOException {
        Path file = dir.resolve("reftrack-baseline.json");
        Files.writeString(file, "{\n  \"entries\": [\n    {\"fingerprint\": \"aaaa\",,}\n  ]\n}\n");

        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(Baseline.BaselineException.class)
                .hasMessageStartingWith(file + ":3: not valid JSON");
    }

    @Test
    void namesFileAndLine_ofAnEntryWithoutFingerprint() throws IOException {
        Path file = dir.resolve("reftrack-baseline.json");
        Files.writeString(file, "{\n  \"entries\": [\n    {\"fingerprint\": \"aaaa\"},\n    {\"count\": 1}\n  ]\n}\n");

        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(Baseline.BaselineException.class)
                .hasMessage(file + ":4: a baseline entry needs a \"fingerprint\"");
    }

    @Test
    void namesFileAndLine_ofAnArrayAtTheTop() throws IOException {
        Path file = dir.resolve("reftrack-baseline.json");
        Files.writeString(file, "[]\n");

        assertThatThrownBy(() -> Baseline.read(file)).isInstanceOf(Baseline.BaselineException.class)
                .hasMessageStartingWith(file + ":1: expected a JSON object");
    }
}
