package io.github.reftrack.internal.capture;

/**
 * The stack of one alloc or free, as the VM recorded it: cheap to take (the VM fills in a
 * compact backtrace), decoded into frames only when someone reads it. Not API: this package is
 * not exported.
 */
public final class Capture extends Throwable implements RawCapture {
    private static final long serialVersionUID = 1L;

    private Capture() {
        super("reference taken or released here", null, false, true);
    }

    /**
     * Captures the current thread's stack.
     *
     * @return the capture, or {@code null} if it could not be taken (no memory, or no stack
     *         left to fill it in): the caller then counts the reference as untracked
     */
    public static Capture take() {
        try {
            return new Capture();
        } catch (StackOverflowError | OutOfMemoryError e) {
            return null;
        }
    }
}
