package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;

/**
 * The filesystem's {@code dmesg}: the port's error and warning messages, written to the
 * {@code io.github.reftrack.delayedinode} {@link System.Logger} and the first {@value #KEPT}
 * kept, so callers and tests can read what the kernel would have printed.
 *
 * <p>Thread-safe: the kept list is guarded by {@code this}.
 */
public final class KernelLog {
    static final int KEPT = 256;
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.delayedinode");

    // Guarded by this.
    private final List<String> messages = new ArrayList<>();

    KernelLog() {
    }

    void error(String message) {
        keep(message);
        LOG.log(System.Logger.Level.ERROR, message);
    }

    void warn(String message) {
        keep(message);
        LOG.log(System.Logger.Level.WARNING, message);
    }

    private synchronized void keep(String message) {
        if (messages.size() < KEPT) {
            messages.add(message);
        }
    }

    /**
     * Returns the first {@value #KEPT} messages, oldest first.
     *
     * @return a copy
     */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }
}
