/**
 * reftrack: per-reference leak tracking after the Linux kernel's {@code ref_tracker}.
 *
 * <p>Only {@code io.github.reftrack} is API. Stack capture and the stack depot live in a
 * package of their own that is not exported.
 */
module io.github.reftrack {
    requires static java.management;
    requires static jdk.jfr;

    exports io.github.reftrack;
    // The MXBean interface must be visible to the JMX introspector; it is still not API.
    exports io.github.reftrack.jmx to java.management;
}
