package io.github.reftrack.agent;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * Which live reference an anonymous release returns. {@code release()} does not say which
 * reference it drops, so the agent infers it; reports say so.
 */
enum Pairing {
    /**
     * A reference taken in the releasing method or one of its callers (nearest first), else the
     * oldest. The birth is the oldest reference of a lifetime, so a release nobody else claims
     * returns it and what stays live is what was taken and never returned.
     */
    SAME_METHOD("same method or its callers first, else the oldest"),
    /** The oldest live reference (the birth first). */
    OLDEST("oldest first"),
    /**
     * The newest live reference. Only on request: a forgotten release of an early retain then
     * blames the allocation, as a leak detector without per-reference tracking does.
     */
    NEWEST("newest first");

    private final String description;

    Pairing(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    static Pairing parse(String value, Consumer<String> problems) {
        if (value == null || value.isBlank()) {
            return SAME_METHOD;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "default":
            case "same-method":
                return SAME_METHOD;
            case "oldest":
                return OLDEST;
            case "newest":
                return NEWEST;
            default:
                problems.accept("pairing=" + value + " is not a pairing policy: use default, oldest or newest;"
                        + " using default");
                return SAME_METHOD;
        }
    }

    /**
     * Picks the index of the live reference a release returns.
     *
     * @param live    the live references, oldest first, not empty
     * @param release finds, in the release's shown frames, the first reference taken in one of
     *                their methods (-1 for none); called only when the sites differ
     */
    int pick(List<Lifetime.Ref> live, ToIntFunction<List<Lifetime.Ref>> release) {
        if (live.size() == 1 || this == OLDEST) {
            return 0;
        }
        if (this == NEWEST) {
            return live.size() - 1;
        }
        if (allFromOneSite(live)) {
            return 0;
        }
        return Math.max(0, release.applyAsInt(live));
    }

    private static boolean allFromOneSite(List<Lifetime.Ref> live) {
        Site first = live.get(0).site;
        for (int i = 1; i < live.size(); i++) {
            if (live.get(i).site != first) {
                return false;
            }
        }
        return true;
    }
}
