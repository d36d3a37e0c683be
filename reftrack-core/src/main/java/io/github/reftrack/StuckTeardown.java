package io.github.reftrack;

import io.github.reftrack.internal.event.TextEscape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A teardown that waits for references to be released has waited past its report deadline (and
 * then again at every report interval). The kernel's counterpart is a soft lockup with no
 * message; here the holders are named.
 *
 * @param what      what is being waited for, as given to the watchdog
 * @param waited    how long the wait has lasted so far
 * @param remaining references still held when the event was raised
 * @param holders   reports of the directories that still have live trackers (empty when
 *                  tracking is off: then only {@code remaining} is known)
 */
public record StuckTeardown(String what, Duration waited, long remaining, List<LeakReport> holders)
        implements RefTrackerEvent {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public StuckTeardown {
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(waited, "waited");
        holders = List.copyOf(holders);
    }

    @Override
    public String eventName() {
        return "teardownStuck";
    }

    /**
     * Renders a header line followed by each holder report.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(256).append("teardown of ").append(TextEscape.escape(what))
                .append(" stuck for ")
                .append(waited.toMillis()).append(" ms: ").append(remaining)
                .append(remaining == 1 ? " reference" : " references").append(" still held\n");
        holders.forEach(out::append);
        return out.toString();
    }

    @Override
    public StuckTeardown withStacks(UnaryOperator<CallStack> change) {
        List<LeakReport> changed = new ArrayList<>(holders.size());
        holders.forEach(holder -> changed.add(holder.withStacks(change)));
        return new StuckTeardown(what, waited, remaining, changed);
    }
}
