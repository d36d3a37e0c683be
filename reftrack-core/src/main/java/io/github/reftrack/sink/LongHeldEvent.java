package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * A reference held past a hold threshold. Raised on the scanning thread, whose stack says
 * nothing, so the event has none; the acquire stack is in {@link #json}.
 */
@Name("io.github.reftrack.LongHeld")
@Label("Long-Held Reference")
@Category("reftrack")
@Description("A reference tracked by reftrack was held longer than its hold threshold")
@StackTrace(false)
final class LongHeldEvent extends Event {
    @Label("Directory Class")
    String className;

    @Label("Directory")
    String dirName;

    @Label("Context")
    String context;

    @Label("Age")
    @Timespan(Timespan.MILLISECONDS)
    long age;

    @Label("Threshold")
    @Timespan(Timespan.MILLISECONDS)
    long threshold;

    @Label("Fingerprint")
    @Description("Fingerprint of the acquire stack, as in leak reports")
    String fingerprint;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
