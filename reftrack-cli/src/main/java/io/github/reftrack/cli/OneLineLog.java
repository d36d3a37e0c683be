package io.github.reftrack.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * While installed, reftrack's log records ({@code io.github.reftrack} and its children, through
 * {@code System.Logger} and {@code java.util.logging}) print as one line each on standard error
 * instead of in full: the demo's teardown watchdog then shows a progress line each second, and
 * the stuck node's report appears once, in the demo's own output. When the user configured
 * logging ({@code -Djava.util.logging.config.file}), their handlers get the full records as
 * well.
 *
 * <p>Thread-safe: records may come from any thread; lines are written under the writer's lock.
 */
final class OneLineLog extends Handler implements AutoCloseable {
    private static final Logger LOGGER = Logger.getLogger("io.github.reftrack");

    private final PrintWriter err;
    private final String prefix;
    private final boolean parentHandlers;

    private OneLineLog(PrintWriter err, String prefix, boolean keepParentHandlers) {
        this.err = err;
        this.prefix = prefix;
        this.parentHandlers = LOGGER.getUseParentHandlers();
        setLevel(Level.WARNING);
        setFormatter(new SimpleFormatter());
        LOGGER.addHandler(this);
        if (!keepParentHandlers) {
            LOGGER.setUseParentHandlers(false);
        }
    }

    /** Installs the handler; {@link #close()} removes it. */
    static OneLineLog install(PrintWriter err, String prefix) {
        return new OneLineLog(err, prefix, System.getProperty("java.util.logging.config.file") != null);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = getFormatter().formatMessage(record);
        int newline = message.indexOf('\n');
        synchronized (err) {
            err.println(prefix + (newline < 0 ? message : message.substring(0, newline)).strip());
            err.flush();
        }
    }

    @Override
    public void flush() {
        err.flush();
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
        LOGGER.setUseParentHandlers(parentHandlers);
    }
}
