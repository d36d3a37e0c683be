package io.github.reftrack.maven;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A run's groups held against the baseline.
 *
 * @param groups   every group of the run
 * @param fresh    the groups not in the baseline
 * @param stale    baseline entries the run did not see: fixed, to be removed from the baseline
 */
record Verdict(List<LeakGroup> groups, List<LeakGroup> fresh, List<Baseline.Entry> stale) {

    Verdict {
        groups = List.copyOf(groups);
        fresh = List.copyOf(fresh);
        stale = List.copyOf(stale);
    }

    static Verdict of(List<LeakGroup> groups, Baseline baseline) {
        List<LeakGroup> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (LeakGroup group : groups) {
            seen.add(group.fingerprint());
            if (!baseline.contains(group.fingerprint())) {
                fresh.add(group);
            }
        }
        List<Baseline.Entry> stale = baseline.entries().values().stream()
                .filter(e -> !seen.contains(e.fingerprint()))
                .sorted((a, b) -> a.fingerprint().compareTo(b.fingerprint()))
                .toList();
        return new Verdict(groups, fresh, stale);
    }

    /** The new groups whose kind is one of {@code failOn}. */
    List<LeakGroup> failing(Set<Finding.Kind> failOn) {
        return fresh.stream().filter(g -> failOn.contains(g.kind())).toList();
    }
}
