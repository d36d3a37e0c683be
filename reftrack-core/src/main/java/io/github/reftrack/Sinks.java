package io.github.reftrack;

import io.github.reftrack.jfr.Jfr;
import io.github.reftrack.jmx.EventCounts;
import io.github.reftrack.jmx.Jmx;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The built-in sinks: JFR events (when {@code jdk.jfr} is present), the JMX MXBean and its event
 * counts (unless {@value RefTracking#JMX_PROPERTY}{@code =off}, and when {@code java.management}
 * is present), and the JSON event log (with {@value RefTracking#JSON_LOG_PROPERTY}).
 *
 * <p>The listeners are installed when {@link Events} is initialised, before any event can be
 * delivered; the MXBean and the periodic JFR event when the first tracking directory registers,
 * so an application that never tracks never loads JMX. A sink that fails to install is logged
 * and left out: observability never stops the application.
 *
 * <p>Thread-safe: {@link #directoryRegistered} runs its work once, guarded by {@code Sinks.class}.
 */
final class Sinks {
    /** Set once, under {@code Sinks.class}; read without the lock on every registration. */
    private static volatile boolean directorySeen;

    private Sinks() {
    }

    static void install(List<RefTrackerListener> listeners) {
        try {
            if (Config.JMX) {
                listeners.add(EventCounts.INSTANCE);
            }
            Jfr.listener().ifPresent(listeners::add);
            if (Config.JSON_LOG != null) {
                listeners.add(new JsonLogSink(Config.JSON_LOG));
            }
        } catch (RuntimeException | LinkageError e) {
            Events.LOG.log(Level.WARNING, "reftrack could not install its built-in sinks", e);
        }
    }

    static void directoryRegistered() {
        if (directorySeen) {
            return;
        }
        synchronized (Sinks.class) {
            if (directorySeen) {
                return;
            }
            directorySeen = true;
        }
        try {
            Jfr.addPeriodicEvent();
            if (Config.JMX) {
                Jmx.register();
            }
        } catch (RuntimeException | LinkageError e) {
            Events.LOG.log(Level.WARNING, "reftrack could not register its JFR periodic event or MXBean", e);
        }
    }
}
