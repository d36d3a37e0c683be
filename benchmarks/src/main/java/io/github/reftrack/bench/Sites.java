package io.github.reftrack.bench;

import java.util.function.Supplier;

/**
 * Distinct call sites on demand: {@code at(site, levels, op)} runs {@code op} below a chain of
 * {@code levels} frames whose method names ({@code l} or {@code r}) spell the bits of
 * {@code site}, so each site number below {@code 2^levels} gives a different stack, and the
 * difference lies in the innermost {@code levels + 2} frames (within the 16 frames reftrack
 * keeps).
 */
public final class Sites {
    private Sites() {
    }

    /**
     * Runs {@code op} at call site number {@code site}.
     *
     * @param site   the site, from 0 to {@code 2^levels - 1}
     * @param levels how many bits of {@code site} shape the stack
     * @param op     the operation
     * @param <T>    what the operation returns
     * @return what {@code op} returned
     * @throws IllegalArgumentException if {@code site} does not fit in {@code levels} bits
     */
    public static <T> T at(int site, int levels, Supplier<T> op) {
        if (site < 0 || levels < 0 || levels > 30 || site >= 1 << levels) {
            throw new IllegalArgumentException("site " + site + " does not fit in " + levels + " bits");
        }
        return l(site, levels, op);
    }

    private static <T> T l(int bits, int levels, Supplier<T> op) {
        if (levels == 0) {
            return op.get();
        }
        return (bits & 1) == 0 ? l(bits >>> 1, levels - 1, op) : r(bits >>> 1, levels - 1, op);
    }

    private static <T> T r(int bits, int levels, Supplier<T> op) {
        if (levels == 0) {
            return op.get();
        }
        return (bits & 1) == 0 ? l(bits >>> 1, levels - 1, op) : r(bits >>> 1, levels - 1, op);
    }
}
