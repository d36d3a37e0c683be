package io.github.reftrack;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Parses the system properties of {@link RefTracking} into {@link RefTrackingSettings}. Holds no
 * state: the default runtime calls {@link #read()} when it is created, so a Java agent's
 * {@code premain} can set properties before. A value that does not parse is logged (property,
 * value, what was expected) and replaced by the default.
 */
final class Config {
    private static final System.Logger LOG = System.getLogger("io.github.reftrack");

    private Config() {
    }

    static RefTrackingSettings read() {
        return read(parseChoice(RefTracking.MODE_PROPERTY, RefTrackingSettings.defaults().mode()));
    }

    /** Reads every property but the mode, which the caller decided. */
    static RefTrackingSettings read(RefTracking.Mode mode) {
        RefTrackingSettings d = RefTrackingSettings.defaults();
        return new RefTrackingSettings(mode,
                parseInt(RefTracking.SAMPLE_PROPERTY, d.sampleInterval(), 1, Integer.MAX_VALUE),
                parseInt(RefTracking.DEPTH_PROPERTY, d.depth(), 1, RefTrackingSettings.MAX_DEPTH),
                parseSwitch(RefTracking.LOST_PROPERTY, "on", "off"),
                parseSwitch(RefTracking.ON_ERROR_PROPERTY, "throw", "log"),
                System.getProperty(RefTracking.JSON_LOG_PROPERTY),
                !parseSwitch(RefTracking.JMX_PROPERTY, "off", "on"),
                parseList(System.getProperty(RefTracking.HIDE_PROPERTY)),
                parseSwitch(RefTracking.REPORT_AT_EXIT_PROPERTY, "on", "off"),
                parseChoice(RefTracking.CAPTURE_PROPERTY, d.capture()),
                System.getProperty(RefTracking.CONTEXT_PROPERTY));
    }

    /**
     * Parses a property whose values are an enum's constant names in lower case, e.g.
     * {@code off|sample|full}; an unknown value is logged and the fallback used.
     */
    static <E extends Enum<E>> E parseChoice(String property, E fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            return fallback;
        }
        E[] choices = fallback.getDeclaringClass().getEnumConstants();
        for (E choice : choices) {
            if (choice.name().equalsIgnoreCase(value.trim())) {
                return choice;
            }
        }
        StringJoiner names = new StringJoiner(", ", "one of ", "");
        for (E choice : choices) {
            names.add(choice.name().toLowerCase(Locale.ROOT));
        }
        invalid(property, value, names.toString(), fallback.name().toLowerCase(Locale.ROOT));
        return fallback;
    }

    static List<String> parseList(String value) {
        List<String> items = new ArrayList<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
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
