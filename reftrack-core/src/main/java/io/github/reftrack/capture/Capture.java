package io.github.reftrack.capture;

/**
 * The stack of one alloc or free, as the VM recorded it: cheap to take (the VM fills in a
 * compact backtrace), decoded into frames only when someone reads it ({@link StackDepot#intern}).
 * Not API: this package is not exported.
 */
public final class Capture extends Throwable {
    private static final long serialVersionUID = 1L;

    /** Test hook: how many of the next captures fail, as a failed allocation would. */
    private static volatile int failuresToInject;

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
        if (failuresToInject > 0 && consumeInjectedFailure()) {
            return null;
        }
        try {
            return new Capture();
        } catch (StackOverflowError | OutOfMemoryError e) {
            return null;
        }
    }

    private static synchronized boolean consumeInjectedFailure() {
        if (failuresToInject > 0) {
            failuresToInject--;
            return true;
        }
        return false;
    }

    /**
     * Test hook: makes the next {@code count} captures fail.
     *
     * @param count how many captures fail; 0 stops injecting
     */
    public static synchronized void injectFailures(int count) {
        failuresToInject = count;
    }
}
