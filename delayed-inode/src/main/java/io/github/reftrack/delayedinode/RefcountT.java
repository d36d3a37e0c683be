package io.github.reftrack.delayedinode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's {@code refcount_t}: an atomic count that warns instead of wrapping. Adding to 0
 * warns {@value #ADDITION_ON_ZERO} and saturates; a plain decrement that reaches 0 warns
 * {@value #DECREMENT_HIT_ZERO}; going below 0 warns {@value #UNDERFLOW} and saturates. A
 * saturated count ({@link #SATURATED}, negative as an {@code int}) stays saturated: the object
 * is leaked rather than freed early.
 *
 * <p>Thread-safe: every operation is one atomic update (a CAS loop for {@link #incNotZero}).
 * Warnings go to the filesystem's {@link RefcountWarnings}.
 */
final class RefcountT {
    /** The kernel's {@code REFCOUNT_SATURATED}: {@code INT_MIN / 2}, 0xC0000000. */
    static final int SATURATED = 0xC0000000;
    static final String ADDITION_ON_ZERO = "refcount_t: addition on 0; use-after-free.";
    static final String DECREMENT_HIT_ZERO = "refcount_t: decrement hit 0; leaking memory.";
    static final String UNDERFLOW = "refcount_t: underflow; use-after-free.";
    static final String SATURATED_MSG = "refcount_t: saturated; leaking memory.";

    private final AtomicInteger refs = new AtomicInteger();
    private final RefcountWarnings warnings;

    RefcountT(RefcountWarnings warnings) {
        this.warnings = warnings;
    }

    /** {@code refcount_set}. */
    void set(int value) {
        refs.set(value);
    }

    /** {@code refcount_read}. */
    int read() {
        return refs.get();
    }

    /** {@code refcount_inc}: warns and saturates on 0 or on overflow. */
    void inc() {
        int old = refs.getAndIncrement();
        if (old == 0) {
            saturate(ADDITION_ON_ZERO);
        } else if (old < 0 || old == Integer.MAX_VALUE) {
            saturate(SATURATED_MSG);
        }
    }

    /** {@code refcount_inc_not_zero}: {@code false} (and no change) when the count is 0. */
    boolean incNotZero() {
        for (;;) {
            int current = refs.get();
            if (current == 0) {
                return false;
            }
            if (current < 0) {
                return true;
            }
            if (refs.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** {@code refcount_dec_and_test}: {@code true} when this decrement reached 0. */
    boolean decAndTest() {
        int old = refs.getAndDecrement();
        if (old == 1) {
            return true;
        }
        if (old <= 0) {
            saturate(UNDERFLOW);
        }
        return false;
    }

    /** {@code refcount_dec}: reaching 0 is a leak (nobody frees), going below is a use after free. */
    void dec() {
        int old = refs.getAndDecrement();
        if (old == 1) {
            warnings.warn(DECREMENT_HIT_ZERO);
        } else if (old <= 0) {
            saturate(UNDERFLOW);
        }
    }

    private void saturate(String message) {
        refs.set(SATURATED);
        warnings.warn(message);
    }

    @Override
    public String toString() {
        return Integer.toString(refs.get());
    }
}
