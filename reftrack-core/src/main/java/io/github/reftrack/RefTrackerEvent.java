package io.github.reftrack;

import java.util.function.UnaryOperator;

/**
 * Everything reftrack reports, as one closed set of types: each has its text form
 * ({@code toString()}, the kernel's shape) and its JSON form ({@link #toJson()}), both written
 * from the type in one place.
 *
 * <table>
 *   <caption>Events and their JSON names</caption>
 *   <tr><th>type</th><th>{@code event} in the JSON log</th></tr>
 *   <tr><td>{@link LeakReport}</td><td>{@code leak}</td></tr>
 *   <tr><td>{@link AbandonedDirectory}</td><td>{@code abandonedDirectory}</td></tr>
 *   <tr><td>{@link DoubleRelease}</td><td>{@code doubleRelease}</td></tr>
 *   <tr><td>{@link LostReference}</td><td>{@code lostReference}</td></tr>
 *   <tr><td>{@link Misuse}</td><td>{@code misuse}</td></tr>
 *   <tr><td>{@link StuckTeardown}</td><td>{@code teardownStuck}</td></tr>
 *   <tr><td>{@link LongHeld}</td><td>{@code longHeld}</td></tr>
 * </table>
 */
public sealed interface RefTrackerEvent
        permits LeakReport, AbandonedDirectory, DoubleRelease, LostReference, Misuse, StuckTeardown, LongHeld {

    /**
     * Returns the event's name in the JSON log's {@code event} field.
     *
     * @return for example {@code "leak"}
     */
    String eventName();

    /**
     * Renders the event as one JSON object on one line, with the fields documented in the
     * module's README (the JSON log adds {@code timestamp} and {@code event}).
     *
     * @return the JSON text
     */
    default String toJson() {
        return EventJson.toJson(this);
    }

    /**
     * Returns this event with each of its stacks replaced, everything else kept: for a consumer
     * that shows stacks differently (a test extension dropping its engine's frames).
     *
     * @param change turns one stack into the stack to show
     * @return the changed event, of the same type
     * @throws NullPointerException if {@code change} is null or returns null
     */
    RefTrackerEvent withStacks(UnaryOperator<CallStack> change);
}
