package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * A directory was closed with live trackers. The event's own stack is the closing thread's; the
 * allocation stacks of the leaked references are in {@link #report} (text) and {@link #json}.
 */
@Name("io.github.reftrack.Leak")
@Label("Reference Leak")
@Category("reftrack")
@Description("A reftrack directory was closed while references taken through it were still held")
final class LeakEvent extends Event {
    @Label("Abandoned")
    @Description("The directory was garbage-collected without close(); found by reftrack's housekeeping thread")
    boolean abandoned;

    @Label("Directory Class")
    String className;

    @Label("Directory")
    String dirName;

    @Label("Leaked References")
    @Description("Live trackers when the directory was closed")
    int totalUsers;

    @Label("Skipped References")
    @Description("Leaked references not shown in the report because of the display limit")
    int skippedUsers;

    @Label("Stacks")
    @Description("Distinct allocation stacks shown in the report")
    int groups;

    @Label("Fingerprints")
    @Description("Comma-separated distinct fingerprints of the allocation stacks, newest first")
    String fingerprints;

    @Label("Report")
    @Description("The leak report: each allocation stack with how many references it took")
    String report;

    @Label("Event JSON")
    @Description("The whole event as reftrack's JSON (the JSON event log's schema): every stack with its frames,"
            + " as 'reftrack report' reads it")
    String json;
}
