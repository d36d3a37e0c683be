package io.github.reftrack;

import io.github.reftrack.capture.FrameText;
import java.util.List;
import java.util.Objects;

/**
 * A tracker was released twice. reftrack always detects this, also after the tracker has left
 * the directory's quarantine (the kernel only can while it is quarantined): the tracker itself
 * remembers that it is dead and where it was freed.
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
 * @param className       the directory's class
 * @param dirName         the directory's name
 * @param holder          the holder name given to {@code alloc(holder)}, or {@code null}
 * @param allocatedAt     the stack that took the reference (empty if it was not captured)
 * @param firstReleasedAt the stack of the first, legitimate release
 * @param releasedAgainAt the stack of this, second release
 * @param pastQuarantine  whether the tracker had already left the directory's quarantine, where
 *                        the kernel would no longer have caught it
 */
public record DoubleRelease(String className, String dirName, String holder, List<StackTraceElement> allocatedAt,
        List<StackTraceElement> firstReleasedAt, List<StackTraceElement> releasedAgainAt, boolean pastQuarantine) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a name or a stack list is null
     */
    public DoubleRelease {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        allocatedAt = List.copyOf(allocatedAt);
        firstReleasedAt = List.copyOf(firstReleasedAt);
        releasedAgainAt = List.copyOf(releasedAgainAt);
    }

    /**
     * Renders the event in the kernel's shape (one-space indented frames); a stack that was not
     * captured is left out with its heading, as the kernel does for a zero depot handle.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        out.append(dirName).append(": reference already released.");
        if (holder != null) {
            out.append(" (held by: ").append(holder).append(')');
        }
        if (pastQuarantine) {
            out.append(" (past the quarantine)");
        }
        out.append('\n');
        section("allocated in:", allocatedAt, out);
        section("freed in:", firstReleasedAt, out);
        section("released again in:", releasedAgainAt, out);
        return out.toString();
    }

    private static void section(String heading, List<StackTraceElement> frames, StringBuilder out) {
        if (!frames.isEmpty()) {
            out.append(heading).append('\n');
            FrameText.appendAll(frames, Frames.EVENT_INDENT, out);
        }
    }
}
