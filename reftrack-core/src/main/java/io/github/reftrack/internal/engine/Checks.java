package io.github.reftrack.internal.engine;

import java.time.Duration;
import java.util.Objects;

/** The one check of each argument that several entry points accept, with its one message. */
public final class Checks {
    private Checks() {
    }

    /**
     * Checks a display limit: 0 or more.
     *
     * @param displayLimit the limit
     * @return the limit
     * @throws IllegalArgumentException if it is negative
     */
    public static int displayLimit(int displayLimit) {
        if (displayLimit < 0) {
            throw new IllegalArgumentException("displayLimit must be >= 0 (0 shows only the skipped count), was "
                    + displayLimit);
        }
        return displayLimit;
    }

    /**
     * Checks a timeout: not negative.
     *
     * @param timeout the timeout
     * @return the timeout in nanoseconds, saturated at {@link Long#MAX_VALUE}
     * @throws NullPointerException     if it is null
     * @throws IllegalArgumentException if it is negative
     */
    public static long timeout(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
            throw new IllegalArgumentException("a timeout must not be negative, was " + timeout);
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
