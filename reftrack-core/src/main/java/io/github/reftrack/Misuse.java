package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The API was used in a way that cannot be right. The call that caused it returned normally
 * (unless {@value RefTracking#ON_ERROR_PROPERTY}{@code =throw}) and left the directory intact.
 *
 * @param kind      what went wrong
 * @param className the directory's class
 * @param dirName   the directory's name
 * @param message   a sentence naming what was wrong and what to do instead
 * @param stack     the stack of the offending call, when it was captured (otherwise empty)
 */
public record Misuse(Kind kind, String className, String dirName, String message, CallStack stack)
        implements RefTrackerEvent {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Misuse {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stack, "stack");
    }

    /**
     * Creates the event from frames, computing their fingerprint.
     *
     * @param kind      what went wrong
     * @param className the directory's class
     * @param dirName   the directory's name
     * @param message   what was wrong and what to do instead
     * @param at        the stack of the offending call, or empty
     * @throws NullPointerException if a component is null
     */
    public Misuse(Kind kind, String className, String dirName, String message, List<StackTraceElement> at) {
        this(kind, className, dirName, message, CallStack.of(at));
    }

    /**
     * Returns the frames of the offending call.
     *
     * @return the frames (empty if not captured)
     */
    public List<StackTraceElement> at() {
        return stack.frames();
    }

    @Override
    public String eventName() {
        return "misuse";
    }

    /**
     * Renders the message, then the stack with one-space indentation.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(128).append(TextEscape.escape(dirName)).append(": ")
                .append(TextEscape.escape(message)).append('\n');
        stack.appendTo(FrameText.EVENT_INDENT, out);
        return out.toString();
    }

    @Override
    public Misuse withStacks(UnaryOperator<CallStack> change) {
        return new Misuse(kind, className, dirName, message, change.apply(stack));
    }

    /** The kinds of misuse reftrack recognises. */
    public enum Kind {
        /** {@code alloc} on a closed directory (the kernel's "dead" warning). */
        ALLOC_AFTER_CLOSE,
        /** {@code free} on a closed directory. */
        FREE_AFTER_CLOSE,
        /** {@code free} with a tracker that another directory handed out. */
        FOREIGN_TRACKER,
        /** {@code free(null)}. */
        NULL_TRACKER,
        /** More {@code freeUntracked}, or frees of untracked references, than were taken. */
        UNTRACKED_UNDERFLOW,
        /** The directory was closed with untracked references still outstanding. */
        UNTRACKED_IMBALANCE,
        /** A stack could not be captured; the reference was counted as untracked. */
        CAPTURE_FAILED
    }
}
