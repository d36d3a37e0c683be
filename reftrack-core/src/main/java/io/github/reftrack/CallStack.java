package io.github.reftrack;

import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.internal.event.FrameText;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A stack as every event carries it: the shown frames (hidden and reftrack's own frames removed,
 * at most {@value RefTracking#DEPTH_PROPERTY} of them) and their fingerprint, computed once when
 * the stack was interned.
 *
 * <p>The fingerprint hashes the class and method names of the first 8 shown frames, without line
 * numbers, file names or the numbers the VM gives generated classes: the same call path has the
 * same fingerprint across runs, hosts, versions and depth settings of 8 or more.
 *
 * <p>When every frame of a captured stack was hidden (a reference taken by library code running
 * on a library thread), the stack shows the nearest hidden frames instead, so that no report
 * names nothing, and says so: {@link #allHidden()} is {@code true} and the text carries the line
 * {@value #ALL_HIDDEN_NOTE}.
 *
 * @param frames      the shown frames, innermost first; empty when the stack was not captured
 * @param fingerprint 16 lowercase hex digits
 * @param allHidden   whether every frame was hidden and these are the nearest hidden ones
 */
public record CallStack(List<StackTraceElement> frames, String fingerprint, boolean allHidden) {
    /** The line a stack of hidden frames shows above them. */
    public static final String ALL_HIDDEN_NOTE = FrameText.ALL_HIDDEN_NOTE;
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
     * Creates a stack of shown frames with a known fingerprint.
     *
     * @param frames      the shown frames, innermost first
     * @param fingerprint 16 lowercase hex digits
     * @throws NullPointerException if a component is null
     */
    public CallStack(List<StackTraceElement> frames, String fingerprint) {
        this(frames, fingerprint, false);
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
        return new CallStack(stack.frames(), stack.fingerprint(), stack.allHidden());
    }

    /**
     * Returns whether no frame was captured.
     *
     * @return {@code true} for a stack that was not captured
     */
    public boolean isEmpty() {
        return frames.isEmpty();
    }

    /** Appends the frames one per line, after the note when they are hidden frames. */
    void appendTo(String indent, StringBuilder out) {
        FrameText.appendStack(frames, allHidden, indent, out);
    }

    /**
     * Drops the outermost frames that match, keeping at least one frame: for example a test
     * engine's frames below the test method. The fingerprint is kept, so the stack stays the
     * same leak for log pipelines.
     *
     * @param outer which frames to drop from the outer end
     * @return this stack without its trailing run of matching frames
     * @throws NullPointerException if {@code outer} is null
     */
    public CallStack withoutOutermost(Predicate<StackTraceElement> outer) {
        int end = frames.size();
        while (end > 1 && outer.test(frames.get(end - 1))) {
            end--;
        }
        return end == frames.size() ? this : new CallStack(frames.subList(0, end), fingerprint, allHidden);
    }
}
