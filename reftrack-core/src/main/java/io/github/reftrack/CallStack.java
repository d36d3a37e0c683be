package io.github.reftrack;

import io.github.reftrack.internal.capture.Stack;
import java.util.List;
import java.util.Objects;

/**
 * A stack as events carry it: the shown frames (hidden and reftrack's own frames removed, at most
 * {@value RefTracking#DEPTH_PROPERTY} of them) and their fingerprint, computed once when the
 * stack was interned.
 *
 * <p>The fingerprint hashes the class and method names of the first 8 shown frames, without line
 * numbers, file names or the numbers the VM gives generated classes: the same call path has the
 * same fingerprint across runs, hosts, versions and depth settings of 8 or more.
 *
 * @param frames      the shown frames, innermost first; empty when the stack was not captured
 * @param fingerprint 16 lowercase hex digits
 */
public record CallStack(List<StackTraceElement> frames, String fingerprint) {
    /** A stack that was not captured. */
    public static final CallStack EMPTY = of(List.of());

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public CallStack {
        frames = List.copyOf(frames);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /**
     * Creates a stack from frames, computing the fingerprint.
     *
     * @param frames the shown frames, innermost first
     * @return the stack
     * @throws NullPointerException if {@code frames} is null
     */
    public static CallStack of(List<StackTraceElement> frames) {
        return new CallStack(frames, Stack.fingerprintOf(frames));
    }

    static CallStack of(Stack stack) {
        return new CallStack(stack.frames(), stack.fingerprint());
    }

    /**
     * Returns whether no frame was captured.
     *
     * @return {@code true} for a stack that was not captured
     */
    public boolean isEmpty() {
        return frames.isEmpty();
    }
}
