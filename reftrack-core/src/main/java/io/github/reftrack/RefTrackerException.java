package io.github.reftrack;

/**
 * Thrown, after listeners have been notified, when {@value RefTracking#ON_ERROR_PROPERTY} is
 * {@code throw} and reftrack detects a leak, a double release, a lost reference or misuse. Never
 * thrown otherwise.
 */
public final class RefTrackerException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient Object event;

    RefTrackerException(Object event) {
        super(event.toString());
        this.event = event;
    }

    /**
     * Returns the event that caused this exception.
     *
     * @return a {@link LeakReport}, {@link DoubleRelease}, {@link LostReference} or
     *         {@link Misuse}; {@code null} after deserialization
     */
    public Object event() {
        return event;
    }
}
