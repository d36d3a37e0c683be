package io.github.reftrack.sink;

import io.github.reftrack.RefTrackerEvent;

/**
 * Where events go: the log, the JSON event log, JFR, the JMX counts and every listener are each
 * one sink, registered on a runtime's event bus by {@code RefTrackingRuntime}. Called on the
 * detecting thread, outside directory locks, failures contained by the bus. A sink sees the
 * event types of the API only, never the engine. Not API: this package is not exported.
 */
public interface EventSink {
    /**
     * Takes one event. Must not block for long and should not throw.
     *
     * @param event the event
     */
    void accept(RefTrackerEvent event);
}
