package io.github.reftrack.sink;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.StuckTeardown;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Logs each event to {@code System.Logger} {@value #LOGGER}, as exactly its {@code toString()}:
 * leaks, abandoned directories, double releases and lost references at {@code ERROR}, misuse and
 * stuck teardowns at {@code WARNING}, {@code print} snapshots at {@code INFO}.
 *
 * <p>Dropping a whole subsystem can abandon thousands of directories leaking on the same stacks,
 * so the log shows each distinct one (class and stacks) once, as Netty's detector does, and says
 * once that it does; the other sinks and the listeners see every one. A logger that fails (no
 * memory, no stack) does not stop the event. Thread-safe.
 */
public final class LogSink implements EventSink {
    /** The logger's name. */
    public static final String LOGGER = "io.github.reftrack";
    /** reftrack's logger. */
    public static final System.Logger LOG = System.getLogger(LOGGER);
    private static final int MAX_LOGGED_ABANDONED = 4096;

    /** Abandoned-directory leaks already logged: class and stack fingerprints. */
    private final Set<String> loggedAbandoned = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean saidRepeats = new AtomicBoolean();

    /** Creates a log sink. */
    public LogSink() {
    }

    @Override
    public void accept(RefTrackerEvent event) {
        if (event instanceof AbandonedDirectory && !firstOfItsKind(((AbandonedDirectory) event).report())) {
            return;
        }
        log(event instanceof Misuse || event instanceof StuckTeardown || event instanceof LongHeld ? Level.WARNING
                : Level.ERROR, event);
    }

    /**
     * Logs a snapshot of live references ({@code RefTrackerDir.print}) at {@code INFO}; an empty one
     * is not logged.
     *
     * @param report the snapshot
     */
    public void print(LeakReport report) {
        if (!report.isEmpty()) {
            log(Level.INFO, report);
        }
    }

    private boolean firstOfItsKind(LeakReport report) {
        String key = report.className() + ' ' + report.groups().stream().map(LeakReport.Group::fingerprint)
                .collect(Collectors.joining(","));
        if (loggedAbandoned.size() < MAX_LOGGED_ABANDONED && loggedAbandoned.add(key)) {
            return true;
        }
        if (saidRepeats.compareAndSet(false, true)) {
            log(Level.INFO, "directories garbage-collected without close() that leak on the same stacks as one"
                    + " already logged are not logged again (listeners, JFR and the JSON event log get each one)");
        }
        return false;
    }

    private static void log(Level level, Object message) {
        try {
            LOG.log(level, message::toString);
        } catch (Throwable e) {
            // the other sinks and the listeners still get the event
        }
    }

    @Override
    public String toString() {
        return "reftrack log";
    }
}
