package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A tracker became unreachable while still live: the code that took the reference dropped it on
 * the floor. Reported when the garbage collector notices, with the stack that took it, instead of
 * at teardown. Only with {@value RefTracking#LOST_PROPERTY}{@code =on}.
 *
 * @param className  the directory's class
 * @param dirName    the directory's name
 * @param holder     the holder name given to {@code alloc(holder)}, or {@code null}
 * @param allocation the stack that took the reference (empty if it was not captured)
 */
public record LostReference(String className, String dirName, String holder, CallStack allocation)
        implements RefTrackerEvent {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a name or the stack is null
     */
    public LostReference {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        Objects.requireNonNull(allocation, "allocation");
    }

    /**
     * Creates the event from the allocation frames and their fingerprint.
     *
     * @param className   the directory's class
     * @param dirName     the directory's name
     * @param holder      the holder name, or {@code null}
     * @param allocatedAt the stack that took the reference (empty if it was not captured)
     * @param fingerprint the stable fingerprint of that stack, as in {@link LeakReport.Group}
     * @throws NullPointerException if a name, the stack or the fingerprint is null
     */
    public LostReference(String className, String dirName, String holder, List<StackTraceElement> allocatedAt,
            String fingerprint) {
        this(className, dirName, holder, new CallStack(allocatedAt, fingerprint));
    }

    /**
     * Returns the frames that took the reference.
     *
     * @return the allocation frames (empty if not captured)
     */
    public List<StackTraceElement> allocatedAt() {
        return allocation.frames();
    }

    /**
     * Returns the fingerprint of the allocation stack.
     *
     * @return 16 lowercase hex digits
     */
    public String fingerprint() {
        return allocation.fingerprint();
    }

    @Override
    public String eventName() {
        return "lostReference";
    }

    /**
     * Renders the event: a header line, then the allocation stack with one-space indentation.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        out.append(TextEscape.escape(dirName)).append(": reference lost without release");
        if (holder != null) {
            out.append(" (held by: ").append(TextEscape.escape(holder)).append(')');
        }
        out.append(".\nallocated in:\n");
        allocation.appendTo(FrameText.EVENT_INDENT, out);
        return out.toString();
    }

    @Override
    public LostReference withStacks(UnaryOperator<CallStack> change) {
        return new LostReference(className, dirName, holder, change.apply(allocation));
    }
}
