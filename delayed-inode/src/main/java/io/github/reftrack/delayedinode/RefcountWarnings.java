package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code refcount_t} warnings one filesystem raised: counted, kept (the first
 * {@value #KEPT}) so tests can assert them, and logged with the warning thread's stack once per
 * distinct message, as the kernel's {@code WARN_ONCE} does (a saturated count warns on every
 * later use; the log says so once).
 *
 * <p>Thread-safe: the count is atomic, the kept list and the logged set are guarded by
 * {@code this}.
 */
public final class RefcountWarnings {
    static final int KEPT = 64;
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.delayedinode");

    private final AtomicLong count = new AtomicLong();
    // Guarded by this.
    private final List<String> messages = new ArrayList<>();
    // Guarded by this.
    private final Set<String> logged = new HashSet<>();

    RefcountWarnings() {
    }

    void warn(String message) {
        count.incrementAndGet();
        boolean first;
        synchronized (this) {
            if (messages.size() < KEPT) {
                messages.add(message);
            }
            first = logged.add(message);
        }
        if (first) {
            LOG.log(System.Logger.Level.WARNING, message + " (logged once per filesystem; count() has them all)",
                    new Throwable("refcount_t warning raised here"));
        }
    }

    /**
     * Returns how many warnings were raised.
     *
     * @return the total, also counting those not kept
     */
    public long count() {
        return count.get();
    }

    /**
     * Returns the first {@value #KEPT} warning messages, oldest first.
     *
     * @return a copy; for example {@code ["refcount_t: addition on 0; use-after-free."]}
     */
    public synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /**
     * Counts the kept warnings with this exact message.
     *
     * @param message for example {@code "refcount_t: addition on 0; use-after-free."}
     * @return how many kept warnings carry it
     */
    public synchronized long count(String message) {
        return messages.stream().filter(message::equals).count();
    }
}
