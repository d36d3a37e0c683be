/**
 * reftrack: per-reference leak tracking after the Linux kernel's {@code ref_tracker}.
 *
 * <p>Only {@code io.github.reftrack} is API. The engine behind it ({@code internal.engine}: ledgers,
 * trackers, the event bus, the housekeeper), stack capture ({@code internal.capture}), the JSON
 * writer and reader ({@code internal.event}), the sinks ({@code sink}: log, JSON event log, JFR,
 * JMX counts, listeners) and the MXBean ({@code jmx}) live in packages of their own that are not
 * exported (the MXBean interface is visible to the JMX introspector only).
 */
module io.github.reftrack {
    requires static java.management;
    requires static jdk.jfr;

    exports io.github.reftrack;

    uses io.github.reftrack.ContextSource;
    // The MXBean interface must be visible to the JMX introspector; it is still not API.
    exports io.github.reftrack.jmx to java.management;
}
