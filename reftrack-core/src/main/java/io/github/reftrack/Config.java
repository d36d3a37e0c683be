package io.github.reftrack;

import io.github.reftrack.capture.StackDepot;
import java.util.Locale;

/**
 * The system properties of {@link RefTracking}, read once when reftrack is first used. A value
 * that does not parse is logged (property, value, what was expected) and replaced by the default.
 */
final class Config {
    private static final System.Logger LOG = System.getLogger("io.github.reftrack");

    static final RefTracking.Mode MODE = parseMode(System.getProperty(RefTracking.MODE_PROPERTY));
    static final int SAMPLE_INTERVAL = parseInt(RefTracking.SAMPLE_PROPERTY, 128, 1, Integer.MAX_VALUE);
    static final int DEPTH = parseInt(RefTracking.DEPTH_PROPERTY, 16, 1, 256);
    static final boolean DETECT_LOST = parseSwitch(RefTracking.LOST_PROPERTY, "on", "off");
    static final boolean THROW_ON_ERROR = parseSwitch(RefTracking.ON_ERROR_PROPERTY, "throw", "log");
    static final String JSON_LOG = System.getProperty(RefTracking.JSON_LOG_PROPERTY);
    static final boolean JMX = !parseSwitch(RefTracking.JMX_PROPERTY, "off", "on");
    /** How often long-lived trackers have their stacks interned, in milliseconds. */
    static final long PROMOTION_PERIOD_MILLIS = 1000;

    private static volatile RefTracking.Mode defaultMode = MODE;
    private static volatile boolean throwOnError = THROW_ON_ERROR;

    static {
        for (Class<?> own : new Class<?>[] {RefTrackerDir.class, TrackingRefTrackerDir.class, Ledger.class,
            NoopRefTrackerDir.class, TeardownWatchdog.class}) {
            StackDepot.hide(own.getName());
        }
        StackDepot.hide(io.github.reftrack.capture.Capture.class.getName());
    }

    private Config() {
    }

    static RefTracking.Mode defaultMode() {
        return defaultMode;
    }

    static synchronized RefTracking.Mode setDefaultMode(RefTracking.Mode mode) {
        RefTracking.Mode previous = defaultMode;
        defaultMode = mode;
        return previous;
    }

    static boolean throwOnError() {
        return throwOnError;
    }

    /** Test hook: the programmatic form of {@code reftrack.onError}. */
    static boolean setThrowOnError(boolean value) {
        boolean previous = throwOnError;
        throwOnError = value;
        return previous;
    }

    static void hideFramesOf(String className) {
        StackDepot.hide(className);
    }

    static RefTracking.Mode parseMode(String value) {
        if (value == null) {
            return RefTracking.Mode.OFF;
        }
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "off":
                return RefTracking.Mode.OFF;
            case "sample":
                return RefTracking.Mode.SAMPLE;
            case "full":
                return RefTracking.Mode.FULL;
            default:
                invalid(RefTracking.MODE_PROPERTY, value, "one of off, sample, full", "off");
                return RefTracking.Mode.OFF;
        }
    }

    static int parseInt(String property, int fallback, int min, int max) {
        String value = System.getProperty(property);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        invalid(property, value, "a whole number from " + min + " to " + max, String.valueOf(fallback));
        return fallback;
    }

    private static boolean parseSwitch(String property, String on, String off) {
        String value = System.getProperty(property);
        if (value == null || value.trim().equalsIgnoreCase(off)) {
            return false;
        }
        if (value.trim().equalsIgnoreCase(on)) {
            return true;
        }
        invalid(property, value, on + " or " + off, off);
        return false;
    }

    private static void invalid(String property, String value, String expected, String used) {
        LOG.log(System.Logger.Level.WARNING, "-D{0}={1} is not valid: expected {2}; using {3}",
                property, value, expected, used);
    }
}
