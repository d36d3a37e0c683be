package io.github.reftrack;

/**
 * A teardown watched by {@link TeardownWatchdog} did not drain by its final deadline. The
 * message is the last report: who still holds references.
 */
public final class TeardownTimeoutException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient StuckTeardown event;

    TeardownTimeoutException(StuckTeardown event) {
        super(event.toString());
        this.event = event;
    }

    /**
     * Returns the last report.
     *
     * @return the holders when the deadline passed; {@code null} after deserialization
     */
    public StuckTeardown event() {
        return event;
    }
}
