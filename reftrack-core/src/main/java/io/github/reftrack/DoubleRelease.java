package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A tracker was released twice. reftrack detects this in {@code full} mode for every tracker,
 * also after it has left the directory's quarantine (the kernel only can while it is
 * quarantined): the tracker itself remembers that it is dead. A stack that could not be
 * captured, and a reference that was counted without a stack (sampled out), are reported with
 * what is known and a {@link #note()} saying what is missing and why.
 *
 * <p>{@link #toString()} renders the kernel's lines, plus the stack of the second release:
 *
 * <pre>
 * t@00000000c0ffee11: reference already released.
 * allocated in:
 *  com.example.Pool.get(Pool.java:10)
 * freed in:
 *  com.example.Pool.put(Pool.java:20)
 * released again in:
 *  com.example.Pool.put(Pool.java:20)
 * </pre>
 *
 * @param className      the directory's class
 * @param dirName        the directory's name
 * @param holder         the holder name given to {@code alloc(holder)}, or {@code null}
 * @param allocation     the stack that took the reference (empty if it was not captured)
 * @param firstRelease   the stack of the first, legitimate release (empty if not captured)
 * @param secondRelease  the stack of this, second release
 * @param pastQuarantine whether the tracker had already left the directory's quarantine, where
 *                       the kernel would no longer have caught it
 * @param note           why a stack is missing, or {@code null} when none is
 * @param context        the context tag the reference was taken with (see {@link ContextSource}),
 *                       or {@code null}
 */
public record DoubleRelease(String className, String dirName, String holder, CallStack allocation,
        CallStack firstRelease, CallStack secondRelease, boolean pastQuarantine, String note, String context)
        implements RefTrackerEvent {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a name or a stack is null
     */
    public DoubleRelease {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        Objects.requireNonNull(allocation, "allocation");
        Objects.requireNonNull(firstRelease, "firstRelease");
        Objects.requireNonNull(secondRelease, "secondRelease");
    }

    /**
     * Creates the event of a reference taken without a context tag.
     *
     * @param className      the directory's class
     * @param dirName        the directory's name
     * @param holder         the holder name, or {@code null}
     * @param allocation     the stack that took the reference
     * @param firstRelease   the stack of the first release
     * @param secondRelease  the stack of this, second release
     * @param pastQuarantine whether the tracker had already left the quarantine
     * @param note           why a stack is missing, or {@code null}
     * @throws NullPointerException if a name or a stack is null
     */
    public DoubleRelease(String className, String dirName, String holder, CallStack allocation,
            CallStack firstRelease, CallStack secondRelease, boolean pastQuarantine, String note) {
        this(className, dirName, holder, allocation, firstRelease, secondRelease, pastQuarantine, note, null);
    }

    /**
     * Creates the event from frame lists, computing their fingerprints.
     *
     * @param className       the directory's class
     * @param dirName         the directory's name
     * @param holder          the holder name, or {@code null}
     * @param allocatedAt     the stack that took the reference (empty if it was not captured)
     * @param firstReleasedAt the stack of the first release
     * @param releasedAgainAt the stack of the second release
     * @param pastQuarantine  whether the tracker had already left the quarantine
     * @throws NullPointerException if a name or a stack list is null
     */
    public DoubleRelease(String className, String dirName, String holder, List<StackTraceElement> allocatedAt,
            List<StackTraceElement> firstReleasedAt, List<StackTraceElement> releasedAgainAt, boolean pastQuarantine) {
        this(className, dirName, holder, CallStack.of(allocatedAt), CallStack.of(firstReleasedAt),
                CallStack.of(releasedAgainAt), pastQuarantine, null);
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
     * Returns the frames of the first release.
     *
     * @return the first release's frames (empty if not captured)
     */
    public List<StackTraceElement> firstReleasedAt() {
        return firstRelease.frames();
    }

    /**
     * Returns the frames of the second release.
     *
     * @return the second release's frames
     */
    public List<StackTraceElement> releasedAgainAt() {
        return secondRelease.frames();
    }

    @Override
    public String eventName() {
        return "doubleRelease";
    }

    /**
     * Renders the event in the kernel's shape (one-space indented frames); a stack that was not
     * captured is left out with its heading, as the kernel does for a zero depot handle, and the
     * note says why.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        out.append(TextEscape.escape(dirName)).append(": reference already released.");
        if (holder != null) {
            out.append(" (held by: ").append(TextEscape.escape(holder)).append(')');
        }
        if (pastQuarantine) {
            out.append(" (past the quarantine)");
        }
        out.append('\n');
        if (context != null) {
            out.append("taken during: ").append(TextEscape.escape(context)).append('\n');
        }
        if (note != null) {
            out.append("note: ").append(TextEscape.escape(note)).append('\n');
        }
        section("allocated in:", allocation, out);
        section("freed in:", firstRelease, out);
        section("released again in:", secondRelease, out);
        return out.toString();
    }

    private static void section(String heading, CallStack stack, StringBuilder out) {
        if (!stack.isEmpty()) {
            out.append(heading).append('\n');
            stack.appendTo(FrameText.EVENT_INDENT, out);
        }
    }

    @Override
    public DoubleRelease withStacks(UnaryOperator<CallStack> change) {
        return new DoubleRelease(className, dirName, holder, change.apply(allocation), change.apply(firstRelease),
                change.apply(secondRelease), pastQuarantine, note, context);
    }
}
