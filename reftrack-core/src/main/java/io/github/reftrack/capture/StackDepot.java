package io.github.reftrack.capture;

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

    /**
     * Decodes a capture, drops the library's own frames from its top, keeps at most
     * {@code depth} frames, and interns the result.
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
        return intern(Arrays.asList(all).subList(from, Math.min(all.length, from + depth)));
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
