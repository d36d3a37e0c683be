package io.github.reftrack.sink;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/**
 * Committed once, at JVM exit, after reftrack's exit reports were written into the recording: the
 * events before it are complete. Its periodic hook at the end of each chunk is what runs the exit
 * reports before a recording dumped at exit closes ({@link ExitReports}).
 */
@Name("io.github.reftrack.ExitReport")
@Label("Exit Report Written")
@Category("reftrack")
@Description("reftrack wrote its reports at JVM exit (leak totals, references still held) before this event")
@Period("endChunk")
@StackTrace(false)
final class ExitReportEvent extends Event {
}
