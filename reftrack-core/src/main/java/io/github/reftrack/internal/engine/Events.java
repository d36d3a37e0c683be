package io.github.reftrack.internal.engine;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.RefTrackerException;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import io.github.reftrack.StuckTeardown;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * A runtime's event bus: delivers each event to the log, the built-in sinks and the listeners, in
 * that order, always outside directory locks. A listener or sink that throws anything (an
 * exception, an {@code OutOfMemoryError}, a {@code StackOverflowError}) is logged once and
 * skipped; the others still run and the caller never sees the failure. With
 * {@code onError=throw} the caller then gets a {@link RefTrackerException}, on purpose.
 */
public final class Events {
    /** reftrack's logger, {@code io.github.reftrack}. */
    public static final System.Logger LOG = System.getLogger("io.github.reftrack");
    private static final int MAX_LOGGED_ABANDONED = 4096;

    private final CopyOnWriteArrayList<RefTrackerListener> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final Set<Object> failed = ConcurrentHashMap.newKeySet();
    /** Abandoned-directory leaks already logged: class and stack fingerprints. */
    private final Set<String> loggedAbandoned = ConcurrentHashMap.newKeySet();
    private final boolean throwOnError;

    /**
     * Creates a bus with no listener and no sink.
     *
     * @param throwOnError whether leaks at close, double releases and misuse then throw
     */
    public Events(boolean throwOnError) {
        this.throwOnError = throwOnError;
    }

    boolean throwOnError() {
        return throwOnError;
    }

    /**
     * Adds a built-in sink; it gets every event before the listeners.
     *
     * @param sink the sink
     */
    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    /**
     * Adds a listener. The registration removes exactly this addition, once: closing it again,
     * or closing it after the same listener was added again, leaves other registrations alone.
     */
    public RefTracking.Registration add(RefTrackerListener listener) {
        Entry entry = new Entry(listener);
        listeners.add(entry);
        return entry;
    }

    void leak(LeakReport report) {
        log(Level.ERROR, report, "leaked references:\n");
        dispatch(report, RefTrackerListener::onLeak);
        throwIfAsked(report);
    }

    /**
     * Reports a directory garbage-collected without {@code close()}. Dropping a whole subsystem
     * can abandon thousands of directories leaking on the same stacks, so the log shows each
     * distinct one (class and stacks) once, as Netty's detector does; listeners see every one.
     * Never throws: it runs on the housekeeping thread, where nobody could catch it.
     */
    void abandoned(AbandonedDirectory event) {
        LeakReport report = event.report();
        String key = report.className() + ' ' + report.groups().stream().map(LeakReport.Group::fingerprint)
                .collect(Collectors.joining(","));
        if (loggedAbandoned.size() < MAX_LOGGED_ABANDONED && loggedAbandoned.add(key)) {
            log(Level.ERROR, event, "(later directories leaking on the same stacks are not logged again) ");
        }
        dispatch(event, (l, e) -> l.onAbandonedDirectory(e.report()));
    }

    void doubleRelease(DoubleRelease event) {
        log(Level.ERROR, event, "");
        dispatch(event, RefTrackerListener::onDoubleRelease);
        throwIfAsked(event);
    }

    void lost(LostReference event) {
        log(Level.ERROR, event, "");
        dispatch(event, RefTrackerListener::onLostReference);
    }

    /**
     * Reports a teardown that waits too long.
     *
     * @param event the holders
     */
    public void stuck(StuckTeardown event) {
        log(Level.WARNING, event, "");
        dispatch(event, RefTrackerListener::onTeardownStuck);
    }

    void misuse(Misuse event, boolean report) {
        if (report) {
            log(Level.WARNING, event, "");
            dispatch(event, RefTrackerListener::onMisuse);
        }
        throwIfAsked(event);
    }

    /**
     * A directory still open at JVM shutdown: written to the sinks (the caller prints it).
     *
     * @param report the directory's report
     */
    public void atExit(LeakReport report) {
        for (EventSink sink : sinks) {
            try {
                sink.accept(report);
            } catch (Throwable e) {
                failed(sink, e);
            }
        }
    }

    void print(LeakReport report) {
        if (!report.isEmpty()) {
            log(Level.INFO, report, "");
        }
    }

    /** Logs; a logger that fails (no memory, no stack) does not stop the event. */
    private static void log(Level level, RefTrackerEvent event, String prefix) {
        try {
            LOG.log(level, () -> prefix + event);
        } catch (Throwable e) {
            // the listeners and sinks still get the event
        }
    }

    private <E extends RefTrackerEvent> void dispatch(E event, BiConsumer<RefTrackerListener, E> call) {
        for (EventSink sink : sinks) {
            try {
                sink.accept(event);
            } catch (Throwable e) {
                failed(sink, e);
            }
        }
        for (RefTrackerListener listener : listeners) {
            try {
                call.accept(listener, event);
            } catch (Throwable e) {
                failed(listener, e);
            }
        }
    }

    private void failed(Object who, Throwable e) {
        try {
            if (failed.add(who)) {
                LOG.log(Level.WARNING, "reftrack listener " + who + " threw; it stays registered and its"
                        + " further failures are not logged", e);
            }
        } catch (Throwable again) {
            // out of memory or stack while logging: the next listener must still run
        }
    }

    private void throwIfAsked(RefTrackerEvent event) {
        if (throwOnError) {
            throw new RefTrackerException(event);
        }
    }

    /** One addition of a listener; it is its own registration. */
    private final class Entry implements RefTrackerListener, RefTracking.Registration {
        private final RefTrackerListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Entry(RefTrackerListener listener) {
            this.listener = listener;
        }

        @Override
        public void onLeak(LeakReport report) {
            listener.onLeak(report);
        }

        @Override
        public void onAbandonedDirectory(LeakReport report) {
            listener.onAbandonedDirectory(report);
        }

        @Override
        public void onDoubleRelease(DoubleRelease event) {
            listener.onDoubleRelease(event);
        }

        @Override
        public void onLostReference(LostReference event) {
            listener.onLostReference(event);
        }

        @Override
        public void onTeardownStuck(StuckTeardown event) {
            listener.onTeardownStuck(event);
        }

        @Override
        public void onMisuse(Misuse event) {
            listener.onMisuse(event);
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                listeners.remove(this);
            }
        }

        @Override
        public String toString() {
            return listener.toString();
        }
    }
}
