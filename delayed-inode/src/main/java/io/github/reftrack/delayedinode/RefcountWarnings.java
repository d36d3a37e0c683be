package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code refcount_t} warnings one filesystem raised: counted, logged with the warning
 * thread's stack (as the kernel's {@code WARN_ONCE} dumps one), and kept (the first
 * {@value #KEPT}) so tests can assert them.
 *
 * <p>Thread-safe: the count is atomic, the kept list is guarded by {@code this}.
 */
public final class RefcountWarnings {
    static final int KEPT = 64;
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.delayedinode");

    private final AtomicLong count = new AtomicLong();
    // Guarded by this.
    private final List<String> messages = new ArrayList<>();

    RefcountWarnings() {
    }

    void warn(String message) {
        count.incrementAndGet();
        synchronized (this) {
            if (messages.size() < KEPT) {
                messages.add(message);
            }
        }
        LOG.log(System.Logger.Level.WARNING, message, new Throwable("refcount_t warning raised here"));
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
