package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Timespan;

/** A teardown has waited past its report deadline. The event's own stack is the waiting thread's. */
@Name("io.github.reftrack.TeardownStuck")
@Label("Teardown Stuck")
@Category("reftrack")
@Description("A teardown waiting for references to be released has waited past its deadline")
final class TeardownStuckEvent extends Event {
    @Label("What")
    @Description("What the teardown waits for")
    String what;

    @Label("Waited")
    @Timespan(Timespan.MILLISECONDS)
    long waited;

    @Label("Remaining References")
    long remaining;

    @Label("Holding Directories")
    int directories;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
