package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineFingerprintsTest {

    @Test
    void readsTheFingerprintsOfThePluginsBaselineFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("reftrack-baseline.json"), "{\n  \"entries\" : [ {\n"
                + "    \"fingerprint\" : \"5f91f2774ef34b2f\",\n    \"kind\" : \"leak\",\n"
                + "    \"firstFrame\" : \"example.BufferTest.keep(BufferTest.java:23)\",\n"
                + "    \"count\" : 1\n  } ]\n}\n");

        BaselineFingerprints baseline = BaselineFingerprints.read(file.toString());

        assertThat(baseline.problem()).isNull();
        assertThat(baseline.accepts("5f91f2774ef34b2f")).isTrue();
        assertThat(baseline.accepts("0000000000000000")).isFalse();
    }

    @Test
    void noPropertyOrNoFileAcceptsNothingWithoutAProblem(@TempDir Path dir) {
        assertThat(BaselineFingerprints.read(null)).isEqualTo(new BaselineFingerprints(java.util.Set.of(), null));
        assertThat(BaselineFingerprints.read(dir.resolve("absent.json").toString()).problem()).isNull();
    }

    @Test
    void malformedFileAcceptsNothingAndSaysWhatToDo(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("reftrack-baseline.json"), "[ \"fingerprint\": \"abc\" ]");

        BaselineFingerprints baseline = BaselineFingerprints.read(file.toString());

        assertThat(baseline.accepts("abc")).isFalse();
        assertThat(baseline.problem()).isEqualTo("baseline " + file + " is not a reftrack baseline (a JSON object"
                + " with an \"entries\" array); no leak is accepted from it: regenerate it with mvn reftrack:baseline");
    }
}
