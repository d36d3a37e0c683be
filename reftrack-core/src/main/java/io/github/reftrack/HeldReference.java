package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.time.Duration;
import java.util.Objects;

/**
 * One live reference and how long it has been held: a row of "who has held it longest"
 * ({@link RefTrackerRegistry#oldest(int)}, {@code reftrack dump --oldest N}).
 *
 * @param className the directory's class
 * @param dirName   the directory's name
 * @param holder    the holder name given to {@code alloc(holder)}, or {@code null}
 * @param age       how long the reference had been held when the list was taken
 * @param stack     the stack that took it
 */
public record HeldReference(String className, String dirName, String holder, Duration age, CallStack stack) {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if a component other than {@code holder} is null
     */
    public HeldReference {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        Objects.requireNonNull(age, "age");
        Objects.requireNonNull(stack, "stack");
    }

    /**
     * Renders one line: age, directory, holder and the frame that took the reference.
     *
     * @return for example
     *         {@code 2m13s  delayed_node@00000000c0ffee11  inode_cache  com.example.Inodes.get(Inodes.java:41)}
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(128).append(LeakReport.age(age)).append("  ")
                .append(TextEscape.escape(dirName)).append("  ")
                .append(holder == null ? "-" : TextEscape.escape(holder)).append("  ");
        if (stack.isEmpty()) {
            out.append("(stack not captured)");
        } else {
            FrameText.append(stack.frames().get(0), out);
        }
        return out.toString();
    }
}
