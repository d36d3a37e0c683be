package io.github.reftrack.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All findings with one fingerprint, across forks: the unit a baseline lists and a build fails on.
 *
 * @param kind        leak or double release
 * @param fingerprint the shared fingerprint
 * @param className   the tracked class of the first finding
 * @param frames      the stack of the first finding, first frame first
 * @param reports     how many objects (leaks) or events (double releases) reported it; an object
 *                    reported twice in one log (by the GC and at exit) counts once
 * @param references  how many references those objects held
 * @param logs        the log files it was read from
 */
record LeakGroup(Finding.Kind kind, String fingerprint, String className, List<String> frames, long reports,
        long references, Set<String> logs) {

    LeakGroup {
        frames = List.copyOf(frames);
        logs = Set.copyOf(logs);
    }

    /** The user's line: the first frame, or a note that the stack was not captured. */
    String firstFrame() {
        return frames.isEmpty() ? "(no stack captured)" : frames.get(0);
    }

    /** Groups findings by kind and fingerprint, in order of first appearance. */
    static List<LeakGroup> of(List<Finding> findings) {
        Map<String, List<Finding>> byKey = new LinkedHashMap<>();
        for (Finding finding : findings) {
            byKey.computeIfAbsent(finding.kind() + "/" + finding.fingerprint(), k -> new ArrayList<>()).add(finding);
        }
        List<LeakGroup> groups = new ArrayList<>();
        for (List<Finding> same : byKey.values()) {
            Finding first = same.get(0);
            Set<String> logs = new TreeSet<>();
            Set<String> objects = new HashSet<>();
            long reports = 0;
            long references = 0;
            for (Finding finding : same) {
                logs.add(finding.file());
                if (finding.object().isEmpty() || objects.add(finding.file() + "|" + finding.object())) {
                    reports++;
                    references += finding.references();
                }
            }
            groups.add(new LeakGroup(first.kind(), first.fingerprint(), first.className(), first.frames(),
                    reports, references, logs));
        }
        return groups;
    }
}
