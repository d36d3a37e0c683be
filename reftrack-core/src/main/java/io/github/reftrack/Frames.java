package io.github.reftrack;

import java.util.List;

/** Renders stack frames the way reports show them: {@code class.method(File.java:N)}. */
final class Frames {
    /** The kernel indents report frames by five spaces ({@code stack_depot_snprint}, spaces=4, +1). */
    static final String REPORT_INDENT = "     ";
    /** The kernel indents double-release frames by one space ({@code stack_depot_print}). */
    static final String EVENT_INDENT = " ";

    private Frames() {
    }

    static void render(List<StackTraceElement> frames, String indent, StringBuilder out) {
        for (StackTraceElement frame : frames) {
            out.append(indent);
            render(frame, out);
            out.append('\n');
        }
    }

    static void render(StackTraceElement frame, StringBuilder out) {
        out.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (frame.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        out.append(')');
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
