package io.github.reftrack;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts references taken without a stack, with the kernel's {@code refcount_t} rules adapted to
 * start at zero: releasing more than was taken does not go negative but saturates, and a
 * saturated counter stays saturated (so the imbalance is still visible at close).
 */
final class BalanceCounter {
    /** The kernel's {@code REFCOUNT_SATURATED}, 0xC0000000. */
    static final int SATURATED = 0xC0000000;

    private final AtomicInteger value = new AtomicInteger();

    void increment() {
        int v;
        do {
            v = value.get();
            if (v == SATURATED || v == Integer.MAX_VALUE) {
                value.set(SATURATED);
                return;
            }
        } while (!value.compareAndSet(v, v + 1));
    }

    /**
     * Releases one reference.
     *
     * @return {@code false} if there was none to release (the counter is now saturated)
     */
    boolean decrement() {
        int v;
        do {
            v = value.get();
            if (v <= 0) {
                value.set(SATURATED);
                return false;
            }
        } while (!value.compareAndSet(v, v - 1));
        return true;
    }

    int get() {
        return value.get();
    }

    /** Returns the outstanding count, 0 when saturated (the imbalance is reported separately). */
    int outstanding() {
        return Math.max(0, value.get());
    }
}
