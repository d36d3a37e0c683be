package io.github.reftrack;

import java.util.List;

/** The kernel's indentations for report and event frames, and frames as JSON. */
final class Frames {
    /** The kernel indents report frames by five spaces ({@code stack_depot_snprint}, spaces=4, +1). */
    static final String REPORT_INDENT = "     ";
    /** The kernel indents double-release frames by one space ({@code stack_depot_print}). */
    static final String EVENT_INDENT = " ";

    private Frames() {
    }

    static void writeJson(List<StackTraceElement> frames, Json json) {
        json.beginArray();
        for (StackTraceElement frame : frames) {
            json.beginObject()
                    .field("class", frame.getClassName())
                    .field("method", frame.getMethodName())
                    .field("file", frame.getFileName())
                    .field("line", frame.getLineNumber())
                    .endObject();
        }
        json.endArray();
    }
}
