package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** A tracker was released twice. The event's own stack is the second release's. */
@Name("io.github.reftrack.DoubleRelease")
@Label("Double Release")
@Category("reftrack")
@Description("A reference tracked by reftrack was released a second time")
final class DoubleReleaseEvent extends Event {
    @Label("Directory Class")
    String className;

    @Label("Directory")
    String dirName;

    @Label("Holder")
    String holder;

    @Label("Taken During")
    @Description("The context tag the reference was taken with (a test, a request, a trace), if any")
    String context;

    @Label("Past Quarantine")
    @Description("Whether the tracker had already left the directory's quarantine")
    boolean pastQuarantine;

    @Label("Fingerprint")
    @Description("Fingerprint of the allocation stack, as in leak reports")
    String fingerprint;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
