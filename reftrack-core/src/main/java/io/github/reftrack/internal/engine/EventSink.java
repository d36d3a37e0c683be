package io.github.reftrack.internal.engine;

import io.github.reftrack.RefTrackerEvent;

/**
 * A built-in consumer of every event, in its typed form (the JSON log). Called like a listener:
 * on the detecting thread, outside directory locks, failures contained.
 */
public interface EventSink {
    /**
     * Takes one event. Must not block for long and should not throw.
     *
     * @param event the event
     */
    void accept(RefTrackerEvent event);
}
