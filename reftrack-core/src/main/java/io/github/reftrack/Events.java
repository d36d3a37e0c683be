package io.github.reftrack;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Delivers events to the log and to the listeners, in that order, always outside directory locks.
 * A listener that throws is logged once (per listener) and skipped; the others still run and the
 * caller never sees the exception. With {@code reftrack.onError=throw} the caller then gets a
 * {@link RefTrackerException}, on purpose.
 */
final class Events {
    static final System.Logger LOG = System.getLogger("io.github.reftrack");

    private static final CopyOnWriteArrayList<RefTrackerListener> LISTENERS = new CopyOnWriteArrayList<>();
    private static final Set<RefTrackerListener> FAILED = ConcurrentHashMap.newKeySet();
    /** Abandoned-directory leaks already logged: class and stack fingerprints. */
    private static final Set<String> LOGGED_ABANDONED = ConcurrentHashMap.newKeySet();
    private static final int MAX_LOGGED_ABANDONED = 4096;

    static {
        // The built-in sinks (JFR events, JMX counts, JSON log) are listeners, installed first.
        Sinks.install(LISTENERS);
    }

    private Events() {
    }

    static RefTracking.Registration add(RefTrackerListener listener) {
        LISTENERS.add(listener);
        return () -> {
            LISTENERS.remove(listener);
            FAILED.remove(listener);
        };
    }

    static void leak(LeakReport report) {
        LOG.log(Level.ERROR, () -> "leaked references:\n" + report);
        dispatch(report, RefTrackerListener::onLeak);
        throwIfAsked(report);
    }

    /**
     * Reports a directory garbage-collected without {@code close()}. Dropping a whole subsystem
     * can abandon thousands of directories leaking on the same stacks, so the log shows each
     * distinct one (class and stacks) once, as Netty's detector does; listeners see every one.
     * Never throws: it runs on the housekeeping thread, where nobody could catch it.
     */
    static void abandoned(LeakReport report, int untracked) {
        String key = report.className() + ' ' + report.groups().stream().map(LeakReport.Group::fingerprint)
                .collect(Collectors.joining(","));
        if (LOGGED_ABANDONED.size() < MAX_LOGGED_ABANDONED && LOGGED_ABANDONED.add(key)) {
            LOG.log(Level.ERROR, () -> "leaked references (directory garbage-collected without close()"
                    + (untracked != 0 ? ", with " + untracked + " untracked references unbalanced" : "")
                    + "; later directories leaking on the same stacks are not logged again):\n" + report);
        }
        dispatch(report, RefTrackerListener::onAbandonedDirectory);
    }

    static void doubleRelease(DoubleRelease event) {
        LOG.log(Level.ERROR, event::toString);
        dispatch(event, RefTrackerListener::onDoubleRelease);
        throwIfAsked(event);
    }

    static void lost(LostReference event) {
        LOG.log(Level.ERROR, event::toString);
        dispatch(event, RefTrackerListener::onLostReference);
    }

    static void stuck(StuckTeardown event) {
        LOG.log(Level.WARNING, event::toString);
        dispatch(event, RefTrackerListener::onTeardownStuck);
    }

    static void misuse(Misuse event, boolean report) {
        if (report) {
            LOG.log(Level.WARNING, event::toString);
            dispatch(event, RefTrackerListener::onMisuse);
        }
        throwIfAsked(event);
    }

    static void print(LeakReport report) {
        if (!report.isEmpty()) {
            LOG.log(Level.INFO, report::toString);
        }
    }

    private static <E> void dispatch(E event, BiConsumer<RefTrackerListener, E> call) {
        for (RefTrackerListener listener : LISTENERS) {
            try {
                call.accept(listener, event);
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                if (FAILED.add(listener)) {
                    LOG.log(Level.WARNING, "reftrack listener " + listener + " threw; it stays registered and its"
                            + " further failures are not logged", e);
                }
            }
        }
    }

    private static void throwIfAsked(Object event) {
        if (Config.throwOnError()) {
            throw new RefTrackerException(event);
        }
    }
}
