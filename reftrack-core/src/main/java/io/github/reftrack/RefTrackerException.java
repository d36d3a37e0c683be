package io.github.reftrack;

/**
 * Thrown, after listeners have been notified, when {@value RefTracking#ON_ERROR_PROPERTY} is
 * {@code throw} and reftrack detects a leak at {@code close()}, a double release or misuse, on the
 * thread that caused it. Lost references, abandoned directories and stuck teardowns are found on
 * other threads and never throw. Never thrown otherwise.
 */
public final class RefTrackerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient RefTrackerEvent event;

    /**
     * Creates the exception for an event; reftrack's event bus throws it after the listeners ran.
     *
     * @param event the event, its text the message
     * @throws NullPointerException if {@code event} is null
     */
    public RefTrackerException(RefTrackerEvent event) {
        super(event.toString());
        this.event = event;
    }

    /**
     * Returns the event that caused this exception.
     *
     * @return a {@link LeakReport}, {@link DoubleRelease} or {@link Misuse}; {@code null} after
     *         deserialization
     */
    public RefTrackerEvent event() {
        return event;
    }
}
