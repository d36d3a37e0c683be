package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.util.List;
import java.util.Objects;

/**
 * A tracker became unreachable while still live: the code that took the reference dropped it on
 * the floor. Reported when the garbage collector notices, with the stack that took it, instead of
 * at teardown. Only with {@value RefTracking#LOST_PROPERTY}{@code =on}.
 *
 * @param className   the directory's class
 * @param dirName     the directory's name
 * @param holder      the holder name given to {@code alloc(holder)}, or {@code null}
 * @param allocatedAt the stack that took the reference (empty if it was not captured)
 * @param fingerprint the stable fingerprint of that stack, as in {@link LeakReport.Group}
 */
public record LostReference(String className, String dirName, String holder, List<StackTraceElement> allocatedAt,
        String fingerprint) implements RefTrackerEvent {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a name, the stack or the fingerprint is null
     */
    public LostReference {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        allocatedAt = List.copyOf(allocatedAt);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public String eventName() {
        return "lostReference";
    }

    /**
     * Returns the allocation stack as a value.
     *
     * @return the frames and fingerprint
     */
    public CallStack allocation() {
        return new CallStack(allocatedAt, fingerprint);
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
        FrameText.appendAll(allocatedAt, FrameText.EVENT_INDENT, out);
        return out.toString();
    }
}
