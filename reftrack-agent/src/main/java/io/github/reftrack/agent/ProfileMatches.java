package io.github.reftrack.agent;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which profiles matched a loaded class, so that one that matched none says so once at exit,
 * naming what it looked for: a profile name that finds nothing (Netty relocated under another
 * package, a misspelt spec class never loaded) must not read as "no leaks". Thread-safe.
 */
final class ProfileMatches {
    /** What each named item looked for, by label: {@code profile netty}, {@code spec class=a.B}. */
    private final Map<String, List<Profile>> items = new LinkedHashMap<>();
    /** The classes instrumented for each profile, by name. */
    private final Map<Profile, Set<String>> matched = new ConcurrentHashMap<>();

    /** Every profile, in the agent's order: the class cache names them by index. */
    private final List<Profile> profiles;

    ProfileMatches(List<Profile> profiles) {
        this.profiles = List.copyOf(profiles);
        for (Profile profile : profiles) {
            items.computeIfAbsent(label(profile), k -> new ArrayList<>()).add(profile);
        }
    }

    private static String label(Profile profile) {
        if (profile.library() != null) {
            return "profile " + profile.library();
        }
        return "spec class=" + profile.trackedType();
    }

    /** A class of the profile's was instrumented. */
    void matched(Profile profile, String className) {
        matched.computeIfAbsent(profile, p -> ConcurrentHashMap.newKeySet()).add(className);
    }

    /** Every profile, in the agent's order. */
    List<Profile> profiles() {
        return profiles;
    }

    /** The class of that name, cached, was instrumented for the profile at this index. */
    void matched(int profile, String className) {
        if (profile >= 0 && profile < profiles.size()) {
            matched(profiles.get(profile), className);
        }
    }

    /** The indices of the profiles a class of that name was instrumented for. */
    List<Integer> matchedBy(String className) {
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < profiles.size(); i++) {
            if (matched.getOrDefault(profiles.get(i), Set.of()).contains(className)) {
                indices.add(i);
            }
        }
        return indices;
    }

    /**
     * What each named item covers, for the start line: {@code profile netty: 2 classes}; when
     * attached, with the loaded classes instrumented so far ({@code , 5 loaded instrumented}).
     */
    String counts(boolean attached) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, List<Profile>> item : items.entrySet()) {
            int classes = item.getValue().size();
            StringBuilder part = new StringBuilder(item.getKey()).append(": ").append(classes)
                    .append(classes == 1 ? " class" : " classes");
            if (attached) {
                long loaded = item.getValue().stream().mapToLong(p -> matched.getOrDefault(p, Set.of()).size()).sum();
                part.append(", ").append(loaded).append(" loaded instrumented");
            }
            parts.add(part.toString());
        }
        return String.join("; ", parts);
    }

    /** One line per item none of whose profiles matched a loaded class. */
    List<String> unmatched() {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<Profile>> item : items.entrySet()) {
            if (item.getValue().stream().noneMatch(matched::containsKey)) {
                List<String> types = item.getValue().stream().map(Profile::trackedType).toList();
                boolean relocatable = types.stream().anyMatch(t -> t.startsWith(TypeNames.ANY_PREFIX));
                lines.add("reftrack-agent: " + item.getKey() + " matched no loaded class (looked for "
                        + String.join(", ", types.stream().map(t -> t.replace(TypeNames.ANY_PREFIX, "")).toList())
                        + (item.getValue().get(0).subtypes() ? " and subclasses" : "")
                        + (relocatable ? ", under any package prefix" : "") + "); nothing of it was tracked");
            }
        }
        return lines;
    }

    /** Prints {@link #unmatched()}: at exit, where logging may already be shut down. */
    void printUnmatched(PrintStream out) {
        for (String line : unmatched()) {
            out.println(line);
        }
        out.flush();
    }
}
