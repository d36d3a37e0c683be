package io.github.reftrack;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A directory was garbage-collected without {@code close()} while references were held through
 * it. Listeners get the {@link #report()} through
 * {@link RefTrackerListener#onAbandonedDirectory}; the JSON log writes it as
 * {@code abandonedDirectory}.
 *
 * @param report     what {@code close()} would have reported
 * @param unbalanced references counted without a stack that were still outstanding (or, when
 *                   negative, released more often than taken)
 */
public record AbandonedDirectory(LeakReport report, int unbalanced) implements RefTrackerEvent {

    /**
     * Validates the components.
     *
     * @throws NullPointerException if {@code report} is null
     */
    public AbandonedDirectory {
        Objects.requireNonNull(report, "report");
    }

    @Override
    public String eventName() {
        return "abandonedDirectory";
    }

    /**
     * Renders a header line and the report.
     *
     * @return the event text
     */
    @Override
    public String toString() {
        return "leaked references (directory garbage-collected without close()"
                + (unbalanced != 0 ? ", with " + unbalanced + " untracked references unbalanced" : "") + "):\n"
                + report;
    }

    @Override
    public AbandonedDirectory withStacks(UnaryOperator<CallStack> change) {
        return new AbandonedDirectory(report.withStacks(change), unbalanced);
    }
}
