package io.github.reftrack;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Captures what reftrack writes to its System.Logger (backed by java.util.logging in tests),
 * from its construction until close(). As a test's {@code @RegisterExtension} instance field it
 * listens for exactly one test, as {@link Recorder} does.
 */
final class LogCapture extends Handler implements AutoCloseable, AfterEachCallback {
    private static final Logger LOGGER = Logger.getLogger("io.github.reftrack");
    final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        LOGGER.addHandler(this);
    }

    List<String> messages() {
        return records.stream().map(r -> r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
        // records are kept in memory
    }

    @Override
    public void close() {
        LOGGER.removeHandler(this);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }
}
