package io.github.reftrack.internal.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which frames a stack shows. A frame is hidden when its class name starts with one of
 * the configured prefixes ({@code -Dreftrack.hide}, the runtime builder), or is one of the
 * classes named one by one (reftrack's own engine, wrapper classes from
 * {@code RefTracking.hideWrapperFrames}) or nested in one. Hidden frames are dropped wherever
 * they are in the stack, before the depth limit is applied and before the fingerprint is
 * computed. Not API: this package is not exported.
 *
 * <p>Thread-safe: the prefixes are fixed at construction; named classes may be added at any time
 * and affect stacks decoded afterwards.
 */
public final class FrameFilter {
    private final String[] prefixes;
    private final Set<String> classes = ConcurrentHashMap.newKeySet();
    private final AtomicInteger generation = new AtomicInteger();

    /**
     * Creates a filter.
     *
     * @param prefixes class-name prefixes to hide, e.g. {@code "org.junit."}; blank ones are
     *                 ignored
     */
    public FrameFilter(List<String> prefixes) {
        List<String> kept = new ArrayList<>();
        for (String prefix : prefixes) {
            if (!prefix.isBlank()) {
                kept.add(prefix.strip());
            }
        }
        this.prefixes = kept.toArray(new String[0]);
    }

    /**
     * Hides one class (and the classes nested in it).
     *
     * @param className a binary class name, as {@link Class#getName()} returns it
     */
    public void hideClass(String className) {
        if (classes.add(className)) {
            generation.incrementAndGet();
        }
    }

    /**
     * Counts the changes to what this filter hides, so that a cache of its answers can tell when
     * it went stale: read it before asking {@link #hides}, and an answer cached under it holds
     * while it is unchanged.
     *
     * @return a number that changes whenever a class is newly hidden
     */
    public int generation() {
        return generation.get();
    }

    /**
     * Returns whether frames of this class are hidden.
     *
     * @param className a binary class name
     * @return {@code true} if the frame is left out of reports, JSON and fingerprints
     */
    public boolean hides(String className) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        if (classes.contains(className)) {
            return true;
        }
        int nested = className.indexOf('$');
        return nested > 0 && classes.contains(className.substring(0, nested));
    }

    /**
     * Returns the configured prefixes.
     *
     * @return the prefixes, in the order given
     */
    public List<String> prefixes() {
        return List.of(prefixes);
    }
}
