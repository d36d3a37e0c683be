package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The leaks a runtime has reported so far, counted by stack fingerprint with the first and last
 * time each was seen: what {@code reftrack dump <pid>} shows under the live references, after
 * the leaked objects themselves are gone. A leak is a stack group of a {@link LeakReport} (also
 * inside an {@link AbandonedDirectory}) or a {@link LostReference}; one event counts once per
 * stack it names.
 *
 * <p>Memory is bounded: at most {@link #capacity()} distinct stacks are kept (the first ones
 * seen); leaks on further stacks are only counted, in {@link #overflow()}. The text form:
 *
 * <pre>
 * # leaks reported in this JVM: 3 on 2 stacks
 * session leaked 2 times at  [fingerprint 3f2a9c0d11223344]
 *   first seen 2026-12-06T18:20:01Z, last seen 2026-12-06T18:20:05Z
 *      com.example.Sessions.open(Sessions.java:41)
 *
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param entries  one entry per stack, in the order first seen
 * @param overflow leaks on stacks not kept because {@code capacity} stacks already were
 * @param capacity the most distinct stacks kept
 */
public record LeakHistory(List<Entry> entries, long overflow, int capacity) {
    /** No leak reported yet. */
    public static final LeakHistory NONE = new LeakHistory(List.of(), 0, 0);

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException     if the list or an entry is null
     * @throws IllegalArgumentException if a count is negative
     */
    public LeakHistory {
        entries = List.copyOf(entries);
        if (overflow < 0 || capacity < 0) {
            throw new IllegalArgumentException("negative leak history counts: overflow " + overflow + ", capacity "
                    + capacity);
        }
    }

    /**
     * Returns how many leaks were reported, on kept stacks and in the overflow.
     *
     * @return the sum of every entry's count and {@link #overflow()}
     */
    public long total() {
        long total = overflow;
        for (Entry entry : entries) {
            total += entry.count();
        }
        return total;
    }

    /**
     * Returns the entries of one directory class.
     *
     * @param className the class, or {@code null} for all
     * @return a history with those entries; the overflow is kept only for all classes
     */
    public LeakHistory ofClass(String className) {
        if (className == null) {
            return this;
        }
        return new LeakHistory(entries.stream().filter(e -> e.className().equals(className)).toList(), 0,
                capacity);
    }

    /**
     * Renders a summary line, then each stack in the shape of a report group, oldest first.
     *
     * @return the text, ending in a newline
     */
    @Override
    public String toString() {
        if (total() == 0) {
            return "# leaks reported in this JVM: none\n";
        }
        StringBuilder out = new StringBuilder(256).append("# leaks reported in this JVM: ").append(total())
                .append(" on ").append(entries.size()).append(entries.size() == 1 ? " stack\n" : " stacks\n");
        for (Entry entry : entries) {
            entry.appendTo(out);
        }
        if (overflow > 0) {
            out.append("and ").append(overflow).append(" more on stacks not kept (at most ").append(capacity)
                    .append(" distinct stacks are kept)\n");
        }
        return out.toString();
    }

    /**
     * The leaks reported on one stack.
     *
     * @param className the directory class of the first one
     * @param stack     the stack that took the leaked references
     * @param count     how many leaks were reported on it
     * @param firstSeen when the first was reported
     * @param lastSeen  when the last was reported
     */
    public record Entry(String className, CallStack stack, long count, Instant firstSeen, Instant lastSeen) {
        /**
         * Validates the components.
         *
         * @throws NullPointerException     if a component is null
         * @throws IllegalArgumentException if {@code count} is not positive
         */
        public Entry {
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(stack, "stack");
            Objects.requireNonNull(firstSeen, "firstSeen");
            Objects.requireNonNull(lastSeen, "lastSeen");
            if (count <= 0) {
                throw new IllegalArgumentException("an entry counts at least one leak, was " + count);
            }
        }

        /**
         * Returns the stack's fingerprint.
         *
         * @return 16 lowercase hex digits
         */
        public String fingerprint() {
            return stack.fingerprint();
        }

        void appendTo(StringBuilder out) {
            out.append(TextEscape.escape(className)).append(" leaked ").append(count)
                    .append(count == 1 ? " time" : " times").append(" at  [fingerprint ").append(fingerprint())
                    .append("]\n  first seen ").append(firstSeen.truncatedTo(ChronoUnit.SECONDS))
                    .append(", last seen ").append(lastSeen.truncatedTo(ChronoUnit.SECONDS)).append('\n');
            stack.appendTo(FrameText.REPORT_INDENT, out);
            out.append('\n');
        }
    }
}
