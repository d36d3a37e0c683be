package io.github.reftrack.internal.event;

import java.util.List;

/**
 * Renders stack frames as every reftrack output shows them, {@code class.method(File.java:N)}:
 * reports, events, JFR fields. Unlike {@link StackTraceElement#toString()} it leaves out module
 * and class-loader prefixes, and it escapes control characters in the names as
 * {@link TextEscape} does: a frame read from a file cannot forge report lines. Not API: this package is not exported.
 */
public final class FrameText {
    /** The kernel indents report frames by five spaces ({@code stack_depot_snprint}, spaces=4, +1). */
    public static final String REPORT_INDENT = "     ";
    /** The kernel indents double-release frames by one space ({@code stack_depot_print}). */
    public static final String EVENT_INDENT = " ";
    /** The line above a stack of hidden frames shown because no other frame was left. */
    public static final String ALL_HIDDEN_NOTE = "(all frames hidden; nearest library frames shown)";

    private FrameText() {
    }

    /**
     * Appends each frame on its own line.
     *
     * @param frames the frames, innermost first
     * @param indent what goes before each frame
     * @param out    where to append
     */
    public static void appendAll(List<StackTraceElement> frames, String indent, StringBuilder out) {
        for (StackTraceElement frame : frames) {
            out.append(indent);
            append(frame, out);
            out.append('\n');
        }
    }

    /**
     * Appends a stack: each frame on its own line, after a line saying so when every frame was
     * hidden and these are the nearest hidden ones.
     *
     * @param frames    the frames, innermost first
     * @param allHidden whether they are hidden frames shown because nothing else was left
     * @param indent    what goes before each line
     * @param out       where to append
     */
    public static void appendStack(List<StackTraceElement> frames, boolean allHidden, String indent,
            StringBuilder out) {
        if (allHidden) {
            out.append(indent).append(ALL_HIDDEN_NOTE).append('\n');
        }
        appendAll(frames, indent, out);
    }

    /**
     * Appends one frame, without a line break.
     *
     * @param frame the frame
     * @param out   where to append
     */
    public static void append(StackTraceElement frame, StringBuilder out) {
        out.append(TextEscape.escape(frame.getClassName())).append('.')
                .append(TextEscape.escape(frame.getMethodName())).append('(');
        if (frame.isNativeMethod()) {
            out.append("Native Method");
        } else if (frame.getFileName() == null) {
            out.append("Unknown Source");
        } else {
            out.append(TextEscape.escape(frame.getFileName()));
            if (frame.getLineNumber() >= 0) {
                out.append(':').append(frame.getLineNumber());
            }
        }
        out.append(')');
    }
}
