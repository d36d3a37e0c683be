package io.github.reftrack.internal;

import java.security.AccessController;
import java.security.PrivilegedAction;

/**
 * Runs reftrack's lazy start-up work and creates its long-lived threads so that they keep nothing
 * of the application thread that happened to trigger them. That thread's context class loader,
 * its inheritable thread locals and (up to JDK 23) its access-control context, whose protection
 * domains name the class loaders of every class on its stack, would otherwise be captured by a
 * new thread or by a listener registered with the JDK (JFR keeps the registering context): a
 * plugin's or a redeployed application's class loader would then stay reachable for the life of
 * the process. Shared by the engine and the sinks, which must not depend on each other. Not API:
 * this package is not exported.
 */
public final class Detached {
    private Detached() {
    }

    /**
     * Creates (does not start) a thread whose context class loader is reftrack's own, with no
     * inherited thread locals and no access-control context of the caller.
     *
     * @param name the thread's name
     * @param task what it runs
     * @return a new, unstarted thread
     */
    public static Thread thread(String name, Runnable task) {
        Thread[] thread = new Thread[1];
        run(() -> thread[0] = new Thread(null, task, name, 0, false));
        return thread[0];
    }

    /**
     * Runs an action with reftrack's class loader as the context class loader and without the
     * caller's access-control context.
     *
     * @param action what to run, on this thread
     */
    @SuppressWarnings("removal")
    public static void run(Runnable action) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(Detached.class.getClassLoader());
        try {
            AccessController.doPrivileged((PrivilegedAction<Void>) () -> {
                action.run();
                return null;
            });
        } finally {
            current.setContextClassLoader(previous);
        }
    }
}
