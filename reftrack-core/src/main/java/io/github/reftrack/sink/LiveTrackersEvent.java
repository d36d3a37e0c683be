package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Periodic: the open directories and outstanding references of one directory class. Emitted at
 * the start and end of every recording chunk by default (so once at the start and once at the
 * end of a short recording); a recording may set a period instead, e.g. {@code 10 s}.
 */
@Name("io.github.reftrack.LiveTrackers")
@Label("Live References")
@Category("reftrack")
@Description("Open reftrack directories and the references held through them, per directory class")
@Period("everyChunk")
@StackTrace(false)
final class LiveTrackersEvent extends Event {
    @Label("Directory Class")
    String className;

    @Label("Open Directories")
    int directories;

    @Label("Live References")
    long liveReferences;
}
