package io.github.reftrack.capture;

import java.util.List;

/**
 * Renders stack frames as every reftrack output shows them, {@code class.method(File.java:N)}:
 * reports, events, JFR fields. Unlike {@link StackTraceElement#toString()} it leaves out module
 * and class-loader prefixes. Not API: this package is not exported.
 */
public final class FrameText {
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
     * Appends one frame, without a line break.
     *
     * @param frame the frame
     * @param out   where to append
     */
    public static void append(StackTraceElement frame, StringBuilder out) {
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
}
