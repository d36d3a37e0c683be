package io.github.reftrack;

import io.github.reftrack.internal.event.FrameText;
import io.github.reftrack.internal.event.TextEscape;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A reference held longer than a hold threshold, reported once per object lifetime while the
 * process runs: a pool or cache that never gets its object back leaks without anything being
 * collected. Found by a periodic scan of the live references (the agent's
 * {@code -Dreftrack.holdThreshold=}), never on the acquire or release path.
 *
 * <p>Durations are kept to the millisecond, as the JSON form writes them.
 *
 * @param className   the directory's class
 * @param dirName     the directory's name
 * @param holder      the holder name given to {@code alloc(holder)}, or {@code null}
 * @param context     where the reference was taken beyond its stack, e.g. {@code thread main}, or
 *                    {@code null}
 * @param age         how long the reference had been held when it was found
 * @param threshold   the hold threshold it passed
 * @param acquisition the stack that took the reference (empty if it was not captured)
 */
public record LongHeld(String className, String dirName, String holder, String context, Duration age,
        Duration threshold, CallStack acquisition) implements RefTrackerEvent {

    /**
     * Validates the components and cuts the durations to whole milliseconds.
     *
     * @throws NullPointerException if a name, a duration or the stack is null
     */
    public LongHeld {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(dirName, "dirName");
        age = Duration.ofMillis(Objects.requireNonNull(age, "age").toMillis());
        threshold = Duration.ofMillis(Objects.requireNonNull(threshold, "threshold").toMillis());
        Objects.requireNonNull(acquisition, "acquisition");
    }

    @Override
    public String eventName() {
        return "longHeld";
    }

    /**
     * Renders the event: a header line with the age and the threshold, then the stack that took
     * the reference with one-space indentation.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256);
        out.append(TextEscape.escape(dirName)).append(": reference held for ").append(age.toMillis())
                .append(" ms, past the hold threshold of ").append(threshold.toMillis()).append(" ms");
        if (holder != null) {
            out.append(" (held by: ").append(TextEscape.escape(holder)).append(')');
        }
        if (context != null) {
            out.append(" (").append(TextEscape.escape(context)).append(')');
        }
        out.append(".\ntaken at:\n");
        acquisition.appendTo(FrameText.EVENT_INDENT, out);
        return out.toString();
    }

    @Override
    public LongHeld withStacks(UnaryOperator<CallStack> change) {
        return new LongHeld(className, dirName, holder, context, age, threshold, change.apply(acquisition));
    }
}
