package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The reftrack API was misused. The event's own stack is the offending call's. */
@Name("io.github.reftrack.Misuse")
@Label("Misuse")
@Category("reftrack")
@Description("The reftrack API was used in a way that cannot be right")
final class MisuseEvent extends Event {
    @Label("Kind")
    String kind;

    @Label("Directory Class")
    String className;

    @Label("Directory")
    String dirName;

    @Label("Message")
    String message;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
