package io.github.reftrack.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading fork logs, tolerant of new fields and corrupt lines, and grouping across forks. */
class EventLogReaderTest {
    static final String LEAK = "{\"timestamp\":\"2026-12-06T18:00:00Z\",\"event\":\"leak\","
            + "\"className\":\"netty_bytebuf\",\"dirName\":\"netty_bytebuf@1\",\"totalUsers\":1,"
            + "\"someNewField\":{\"x\":1},\"groups\":[{\"users\":1,"
            + "\"fingerprint\":\"aaaa\",\"holders\":[],\"frames\":[{\"class\":\"example.BufferTest\","
            + "\"method\":\"keep\",\"file\":\"BufferTest.java\",\"line\":23},{\"class\":\"example.BufferTest\","
            + "\"method\":\"keepsACopy\",\"file\":\"BufferTest.java\",\"line\":14}]}],\"fingerprints\":[\"aaaa\"]}";
    static final String DOUBLE = "{\"event\":\"doubleRelease\",\"className\":\"netty_bytebuf\","
            + "\"fingerprint\":\"bbbb\",\"allocatedAt\":[],\"releasedAgainAt\":[{\"class\":\"a.B\","
            + "\"method\":\"c\",\"file\":\"B.java\","
            + "\"line\":7}]}";

    @TempDir
    Path dir;

    @Test
    void readsLeaksAndDoubleReleases_ignoringUnknownFields() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"), LEAK + "\n" + DOUBLE + "\n");

        EventLogs logs = EventLogReader.read(dir);

        assertThat(logs.corrupt()).isEmpty();
        assertThat(logs.findings()).extracting(Finding::kind, Finding::fingerprint)
                .containsExactly(tuple(Finding.Kind.LEAK, "aaaa"),
                        tuple(Finding.Kind.DOUBLE_RELEASE, "bbbb"));
        assertThat(logs.findings().get(0).frames())
                .containsExactly("example.BufferTest.keep(BufferTest.java:23)",
                        "example.BufferTest.keepsACopy(BufferTest.java:14)");
        assertThat(logs.findings().get(1).frames()).containsExactly("a.B.c(B.java:7)");
    }

    @Test
    void groupsOneFingerprintAcrossForks() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"), LEAK + "\n");
        Files.writeString(dir.resolve("events-2.jsonl"), LEAK.replace("\"users\":1", "\"users\":2")
                .replace("netty_bytebuf@1", "netty_bytebuf@2"));

        List<LeakGroup> groups = LeakGroup.of(EventLogReader.read(dir).findings());

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).reports()).isEqualTo(2);
        assertThat(groups.get(0).references()).isEqualTo(3);
        assertThat(groups.get(0).logs()).containsExactlyInAnyOrder("events-1.jsonl", "events-2.jsonl");
        assertThat(groups.get(0).firstFrame()).isEqualTo("example.BufferTest.keep(BufferTest.java:23)");
    }

    @Test
    void countsAnObjectOnce_whenTheGcAndTheExitReportBothReportIt() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"), LEAK + "\n" + LEAK + "\n");

        List<LeakGroup> groups = LeakGroup.of(EventLogReader.read(dir).findings());

        assertThat(groups.get(0).reports()).isEqualTo(1);
        assertThat(groups.get(0).references()).isEqualTo(1);
    }

    @Test
    void countsTheAgentsExitSummaryNotAsAnotherObject() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"), LEAK + "\n"
                + LEAK.replace("netty_bytebuf@1", "netty_bytebuf at exit") + "\n");

        List<LeakGroup> groups = LeakGroup.of(EventLogReader.read(dir).findings());

        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).reports()).isEqualTo(1);
        assertThat(groups.get(0).references()).isEqualTo(1);
    }

    @Test
    void skipsAndNamesCorruptLines() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"),
                LEAK + "\n{\"event\":\"leak\",\"groups\":[{\"users\":1,\"fri\n[1,2]\n\n" + DOUBLE + "\n");

        EventLogs logs = EventLogReader.read(dir);

        assertThat(logs.findings()).hasSize(2);
        assertThat(logs.corrupt()).hasSize(2);
        assertThat(logs.corrupt().get(0)).startsWith("events-1.jsonl:2: not JSON");
        assertThat(logs.corrupt().get(1)).isEqualTo("events-1.jsonl:3: not a reftrack event (no \"event\" field)");
    }

    @Test
    void countsOtherEventsWithoutFindings() throws IOException {
        Files.writeString(dir.resolve("events-1.jsonl"),
                "{\"event\":\"misuse\",\"kind\":\"x\",\"fingerprint\":\"c\"}\n");

        EventLogs logs = EventLogReader.read(dir);

        assertThat(logs.findings()).isEmpty();
        assertThat(logs.otherEvents()).isEqualTo(1);
    }

    @Test
    void readsNoFiles_whenTheDirectoryIsAbsent() throws IOException {
        EventLogs logs = EventLogReader.read(dir.resolve("absent"));

        assertThat(logs.files()).isEmpty();
        assertThat(logs.findings()).isEmpty();
    }
}
