package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A live tracker became unreachable. Raised on reftrack's housekeeping thread, whose stack says
 * nothing, so the event has none; the allocation stack is in {@link #json}.
 */
@Name("io.github.reftrack.LostReference")
@Label("Lost Reference")
@Category("reftrack")
@Description("A reference tracked by reftrack became unreachable without being released")
@StackTrace(false)
final class LostReferenceEvent extends Event {
    @Label("Directory Class")
    String className;

    @Label("Directory")
    String dirName;

    @Label("Holder")
    String holder;

    @Label("Fingerprint")
    @Description("Fingerprint of the allocation stack, as in leak reports")
    String fingerprint;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
