package io.github.reftrack.internal.engine;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.RefTrackerException;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import io.github.reftrack.StuckTeardown;
import io.github.reftrack.sink.EventSink;
import io.github.reftrack.sink.JsonLogSink;
import io.github.reftrack.sink.ListenerSink;
import io.github.reftrack.sink.LogSink;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A runtime's event bus: delivers each event to the log, the built-in sinks (JSON log, JFR, JMX
 * counts) and the listeners, in that order, always outside directory locks. Every one of them is
 * an {@link EventSink}. A sink or listener that throws anything (an exception, an
 * {@code OutOfMemoryError}, a {@code StackOverflowError}) is logged once and skipped; the others
 * still run and the caller never sees the failure. With {@code onError=throw} the caller then gets
 * a {@link RefTrackerException}, on purpose.
 */
public final class Events {
    /** reftrack's logger, {@code io.github.reftrack}. */
    public static final System.Logger LOG = LogSink.LOG;

    private final LogSink log = new LogSink();
    private final CopyOnWriteArrayList<EventSink> listeners = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<EventSink> sinks = new CopyOnWriteArrayList<>();
    private final Set<Object> failed = ConcurrentHashMap.newKeySet();
    private final boolean throwOnError;

    /**
     * Creates a bus with the log and no other sink.
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
     * Adds a built-in sink; it gets every event after the log and before the listeners.
     *
     * @param sink the sink
     */
    public void addSink(EventSink sink) {
        sinks.add(sink);
    }

    /**
     * Adds a listener. The registration removes exactly this addition, once: closing it again,
     * or closing it after the same listener was added again, leaves other registrations alone.
     *
     * @param listener the listener
     * @return its registration
     */
    public RefTracking.Registration add(RefTrackerListener listener) {
        Entry entry = new Entry(listener);
        listeners.add(entry);
        return entry;
    }

    void leak(LeakReport report) {
        publish(report);
        throwIfAsked(report);
    }

    /**
     * Reports a directory garbage-collected without {@code close()}. Never throws: it runs on the
     * housekeeping thread, where nobody could catch it.
     */
    void abandoned(AbandonedDirectory event) {
        publish(event);
    }

    void doubleRelease(DoubleRelease event) {
        publish(event);
        throwIfAsked(event);
    }

    void lost(LostReference event) {
        publish(event);
    }

    /**
     * Reports a reference held past a hold threshold. Never throws: a scanning thread finds it.
     *
     * @param event the reference
     */
    public void longHeld(LongHeld event) {
        publish(event);
    }

    /**
     * Reports a teardown that waits too long.
     *
     * @param event the holders
     */
    public void stuck(StuckTeardown event) {
        publish(event);
    }

    void misuse(Misuse event, boolean report) {
        if (report) {
            publish(event);
        }
        throwIfAsked(event);
    }

    /**
     * A directory still open at JVM shutdown: written to the built-in sinks (the caller prints it).
     *
     * @param report the directory's report
     */
    public void atExit(LeakReport report) {
        deliver(sinks, report);
    }

    /**
     * A leak found outside a directory's {@code close()}: to the log when {@code logged}, then to
     * the built-in sinks and the listeners. Never throws.
     *
     * @param report the leak
     * @param logged whether the log gets it too
     */
    public void found(LeakReport report, boolean logged) {
        if (logged) {
            log.accept(report);
        }
        deliver(sinks, report);
        deliver(listeners, report);
    }

    /**
     * Waits until the built-in sinks wrote what they were given (the JSON log's queue).
     *
     * @param millis how long to wait at most
     * @return whether everything was written in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean flush(long millis) throws InterruptedException {
        boolean done = true;
        for (EventSink sink : sinks) {
            if (sink instanceof JsonLogSink) {
                done &= ((JsonLogSink) sink).flush(millis, TimeUnit.MILLISECONDS);
            }
        }
        return done;
    }

    void print(LeakReport report) {
        log.print(report);
    }

    private void publish(RefTrackerEvent event) {
        log.accept(event);
        deliver(sinks, event);
        deliver(listeners, event);
    }

    private void deliver(List<EventSink> to, RefTrackerEvent event) {
        for (EventSink sink : to) {
            try {
                sink.accept(event);
            } catch (Throwable e) {
                failed(sink, e);
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
    private final class Entry implements EventSink, RefTracking.Registration {
        private final RefTrackerListener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Entry(RefTrackerListener listener) {
            this.listener = listener;
        }

        @Override
        public void accept(RefTrackerEvent event) {
            ListenerSink.deliver(listener, event);
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
