package io.github.reftrack.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Interns decoded stacks: equal frame sequences map to one {@link Stack} with one handle, so a
 * million references taken on a hundred call paths keep a hundred stacks. The kernel's stack
 * depot, which it is named after, never frees entries either: the number of distinct call paths
 * that take references is bounded by the program.
 *
 * <p>Decoding ({@link Throwable#getStackTrace()}) costs several microseconds, so it happens
 * lazily: for references that live long enough to be promoted, or that get reported.
 * Not API: this package is not exported. Thread-safe.
 */
public final class StackDepot {
    private static final ConcurrentHashMap<List<StackTraceElement>, Stack> STACKS = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT_HANDLE = new AtomicInteger();
    private static final Set<String> HIDDEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger FAILURES_TO_INJECT = new AtomicInteger();
    /**
     * Class-name prefixes whose frames are dropped wherever they appear ({@code -Dreftrack.hide},
     * comma-separated), read once when the depot is first used.
     */
    private static final String[] HIDDEN_PREFIXES = parsePrefixes(System.getProperty("reftrack.hide"));

    private StackDepot() {
    }

    /**
     * Strips frames of these classes from the top of every stack decoded from now on.
     *
     * @param className a binary class name, as {@link Class#getName()} returns it
     */
    public static void hide(String className) {
        HIDDEN.add(className);
    }

    static String[] parsePrefixes(String value) {
        if (value == null) {
            return new String[0];
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(p -> !p.isEmpty())
                .toArray(String[]::new);
    }

    /** Keeps at most {@code depth} frames from {@code from} on whose class no prefix names. */
    static List<StackTraceElement> shown(StackTraceElement[] all, int from, int depth, String[] prefixes) {
        List<StackTraceElement> shown = new ArrayList<>(Math.max(0, Math.min(depth, all.length - from)));
        for (int i = from; i < all.length && shown.size() < depth; i++) {
            if (!hiddenByPrefix(all[i].getClassName(), prefixes)) {
                shown.add(all[i]);
            }
        }
        return shown;
    }

    private static boolean hiddenByPrefix(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes a capture, drops the library's own frames from its top and every frame of a class
     * named by a {@code reftrack.hide} prefix, keeps at most {@code depth} shown frames, and
     * interns the result.
     *
     * @param capture a capture, or {@code null} for a stack that was not taken
     * @param depth   how many frames to keep
     * @return the interned stack; {@link Stack#EMPTY} for {@code null} or when storing fails
     */
    public static Stack intern(Capture capture, int depth) {
        if (capture == null) {
            return Stack.EMPTY;
        }
        StackTraceElement[] all = capture.getStackTrace();
        int from = 0;
        while (from < all.length && HIDDEN.contains(all[from].getClassName())) {
            from++;
        }
        return intern(shown(all, from, depth, HIDDEN_PREFIXES));
    }

    /**
     * Interns a frame list.
     *
     * @param frames the frames, innermost first
     * @return the interned stack; {@link Stack#EMPTY} when storing fails (test hook)
     */
    public static Stack intern(List<StackTraceElement> frames) {
        if (FAILURES_TO_INJECT.get() > 0 && FAILURES_TO_INJECT.getAndDecrement() > 0) {
            return Stack.EMPTY;
        }
        List<StackTraceElement> key = List.copyOf(frames);
        Stack stack = STACKS.get(key);
        return stack != null ? stack : STACKS.computeIfAbsent(key, k -> new Stack(NEXT_HANDLE.incrementAndGet(), k));
    }

    /**
     * Returns how many distinct stacks are stored.
     *
     * @return the depot's size
     */
    public static int size() {
        return STACKS.size();
    }

    /**
     * Test hook: makes the next {@code count} interning calls fail, as the kernel's depot does
     * when it cannot allocate.
     *
     * @param count how many calls return {@link Stack#EMPTY}
     */
    public static void injectFailures(int count) {
        FAILURES_TO_INJECT.set(count);
    }
}
