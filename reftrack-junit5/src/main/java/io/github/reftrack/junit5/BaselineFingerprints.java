package io.github.reftrack.junit5;

import io.github.reftrack.RefScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fingerprints of the baseline file named by {@value RefScope#BASELINE_PROPERTY}
 * ({@code reftrack-baseline.json}, written by {@code reftrack-maven-plugin}'s {@code baseline}
 * goal): leaks with these fingerprints fail no test, as they fail no {@code check}. Read once per
 * JVM, on the first leak. A file that cannot be read accepts nothing and says why in the failure.
 *
 * @param fingerprints the accepted fingerprints
 * @param problem      why the file could not be read, or {@code null}
 */
record BaselineFingerprints(Set<String> fingerprints, String problem) {
    private static final Pattern FINGERPRINT = Pattern.compile("\"fingerprint\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ENTRIES = Pattern.compile("\\A\\s*\\{\\s*(\"entries\"\\s*:\\s*\\[|})");
    private static volatile BaselineFingerprints loaded;

    BaselineFingerprints {
        fingerprints = Set.copyOf(fingerprints);
    }

    static BaselineFingerprints get() {
        BaselineFingerprints baseline = loaded;
        if (baseline == null) {
            baseline = read(System.getProperty(RefScope.BASELINE_PROPERTY));
            loaded = baseline;
        }
        return baseline;
    }

    static BaselineFingerprints read(String file) {
        if (file == null || file.isBlank()) {
            return new BaselineFingerprints(Set.of(), null);
        }
        try {
            Path path = Path.of(file.trim());
            if (!Files.exists(path)) {
                return new BaselineFingerprints(Set.of(), null);
            }
            String text = Files.readString(path);
            if (!ENTRIES.matcher(text).lookingAt()) {
                return new BaselineFingerprints(Set.of(), "baseline " + path + " is not a reftrack baseline (a JSON"
                        + " object with an \"entries\" array); no leak is accepted from it: regenerate it with"
                        + " mvn reftrack:baseline");
            }
            Set<String> fingerprints = new HashSet<>();
            Matcher m = FINGERPRINT.matcher(text);
            while (m.find()) {
                fingerprints.add(m.group(1));
            }
            return new BaselineFingerprints(fingerprints, null);
        } catch (IOException | InvalidPathException e) {
            return new BaselineFingerprints(Set.of(), "baseline " + file + " cannot be read (" + e
                    + "); no leak is accepted from it: fix -D" + RefScope.BASELINE_PROPERTY);
        }
    }

    boolean accepts(String fingerprint) {
        return fingerprints.contains(fingerprint);
    }
}
