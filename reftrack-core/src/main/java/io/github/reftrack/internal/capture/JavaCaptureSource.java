package io.github.reftrack.internal.capture;

/**
 * Captures stacks with a {@link Throwable} ({@link Capture}): the VM fills in a compact
 * backtrace, which is decoded only when the depot asks. The default source. Stateless.
 * Not API: this package is not exported.
 */
public final class JavaCaptureSource implements CaptureSource {
    /** The shared instance. */
    public static final JavaCaptureSource INSTANCE = new JavaCaptureSource();

    private JavaCaptureSource() {
    }

    @Override
    public RawCapture capture() {
        return Capture.take();
    }

    @Override
    public StackTraceElement[] decode(RawCapture raw) {
        return raw instanceof Capture ? ((Capture) raw).getStackTrace() : new StackTraceElement[0];
    }

    @Override
    public String toString() {
        return "java";
    }
}
