package io.github.reftrack;

/**
 * The names a JMX client uses to read reftrack's MXBean, published once so tools (the
 * {@code reftrack} CLI) do not re-type them. The MXBean is registered under
 * {@link RefTracking#MBEAN_NAME}, and {@link RefTracking#MBEAN_PROPERTY} names it in the target's
 * system properties.
 */
public final class MBeanNames {
    /** Attribute: open directories (int). */
    public static final String LIVE_DIRECTORIES = "LiveDirectories";
    /** Attribute: outstanding references over open directories (long). */
    public static final String LIVE_REFERENCES = "LiveReferences";
    /** Attribute: outstanding references per directory class (a map). */
    public static final String LIVE_BY_CLASS = "LiveByClass";
    /** Attribute: leak reports since start (long). */
    public static final String LEAKS = "Leaks";
    /** Attribute: double releases since start (long). */
    public static final String DOUBLE_RELEASES = "DoubleReleases";
    /** Attribute: lost references since start (long). */
    public static final String LOST_REFERENCES = "LostReferences";
    /** Attribute: references held past a hold threshold since start (long). */
    public static final String LONG_HELD = "LongHeld";
    /** Attribute: the mode new directories get (string). */
    public static final String MODE = "Mode";
    /** Attribute: housekeeping passes that failed and were survived (long). */
    public static final String HOUSEKEEPER_FAILURES = "HousekeeperFailures";
    /** Attribute: whether the housekeeping thread runs (boolean). */
    public static final String HOUSEKEEPER_RUNNING = "HousekeeperRunning";
    /** Operation: the open directories' reports as text; optionally one class ({@code String}). */
    public static final String DUMP = "dump";
    /** Operation: the open directories' reports as a JSON array; optionally one class. */
    public static final String DUMP_JSON = "dumpJson";
    /**
     * Operation: the open directories' reports as text, each class's directories grouped by stack
     * across them; optionally one class ({@code String}).
     */
    public static final String DUMP_BY_CLASS = "dumpByClass";
    /** Operation: as {@link #DUMP_BY_CLASS}, as a JSON array of reports; optionally one class. */
    public static final String DUMP_BY_CLASS_JSON = "dumpByClassJson";
    /**
     * Operation: the leaks reported so far, counted by stack fingerprint with first and last seen,
     * as text; optionally one class ({@code String}).
     */
    public static final String LEAK_HISTORY = "leakHistory";
    /** Operation: the N references held longest, one line each ({@code int} N). */
    public static final String OLDEST = "oldest";

    private MBeanNames() {
    }
}
