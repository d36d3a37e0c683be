package io.github.reftrack.internal.engine;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts references taken without a stack, with the kernel's {@code refcount_t} rules adapted to
 * start at zero: releasing more than was taken does not go negative but saturates, and a
 * saturated counter stays saturated (so the imbalance is still visible at close). Saturation is
 * an error state, so the fix-up after the atomic add may race with another update; the value
 * then still ends negative, which is all that is checked.
 */
final class BalanceCounter {
    /** The kernel's {@code REFCOUNT_SATURATED}, 0xC0000000. */
    static final int SATURATED = 0xC0000000;

    private final AtomicInteger value = new AtomicInteger();

    /**
     * Counts one more reference. One atomic add, as the kernel's {@code refcount_t} does; a
     * counter that was saturated (negative) is put back to {@link #SATURATED}, so it stays there.
     */
    void increment() {
        if (value.getAndIncrement() < 0) {
            value.set(SATURATED);
        }
    }

    /**
     * Releases one reference.
     *
     * @return {@code false} if there was none to release (the counter is now saturated)
     */
    boolean decrement() {
        if (value.getAndDecrement() <= 0) {
            value.set(SATURATED);
            return false;
        }
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
