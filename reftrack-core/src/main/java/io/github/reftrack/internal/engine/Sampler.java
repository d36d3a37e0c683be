package io.github.reftrack.internal.engine;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntUnaryOperator;

/**
 * Decides what {@code sample} mode records: one reference (or one object) in {@code interval},
 * chosen at random, so a leak that recurs periodically (every 64th reference) cannot alias with
 * the sampler and be caught always or never. One sampler per runtime.
 *
 * <p>References: each thread counts down a gap drawn at random, geometric with mean
 * {@code interval - 1}: the same odds as an independent one-in-{@code interval} draw per
 * reference (as Netty's {@code SIMPLE} level draws per buffer), at the cost of a decrement per
 * reference and one logarithm per sample. No shared counter: threads taking references on
 * directories of one class never write a shared cache line. The first reference a thread takes
 * is sampled. The countdown is the thread's, drawn for one interval: a directory asking with
 * another interval draws a fresh gap for its own (the draw is memoryless, so the odds stay
 * exactly one in its interval), and a directory with a long interval cannot make a thread skip
 * the references of one with a short interval.
 *
 * <p>Each directory also records its first reference, so a directory that only ever sees a few
 * references (one per object, as the kernel's) still shows where it was first taken; that
 * reference restarts the thread's countdown ({@link #restart}).
 *
 * <p>Objects (a tool that tracks an object as a whole, all its references or none, as the agent
 * does): {@link #sampleObject} is the same random draw for a caller that remembers the outcome,
 * {@link #sampleStable} the same answer on every call for one object.
 */
final class Sampler {
    /** Index in a thread's state: references left to skip before the next sample. */
    private static final int LEFT = 0;
    /** Index in a thread's state: the interval the gap was drawn for; 0 before the thread's first. */
    private static final int DRAWN_FOR = 1;

    private final IntUnaryOperator gaps;
    private final ThreadLocal<int[]> state = ThreadLocal.withInitial(() -> new int[2]);

    /**
     * A sampler whose gaps come from {@code gaps}.
     *
     * @param gaps how many references to skip after a sample, for an interval; {@link #randomGap}
     *             in production, {@code interval - 1} for a test that needs every N-th
     */
    Sampler(IntUnaryOperator gaps) {
        this.gaps = gaps;
    }

    /** A reference got a stack for another reason (its directory's first): the thread draws a new gap. */
    void restart(int interval) {
        int[] s = state.get();
        s[LEFT] = gaps.applyAsInt(interval);
        s[DRAWN_FOR] = interval;
    }

    /** Returns whether this reference gets a stack. */
    boolean sample(int interval) {
        int[] s = state.get();
        if (s[DRAWN_FOR] != interval) {
            s[LEFT] = s[DRAWN_FOR] == 0 ? 0 : gaps.applyAsInt(interval);
            s[DRAWN_FOR] = interval;
        }
        if (s[LEFT] == 0) {
            s[LEFT] = gaps.applyAsInt(interval);
            return true;
        }
        s[LEFT]--;
        return false;
    }

    /** Returns whether a new object is in the sample: a random draw, for a caller that remembers the outcome. */
    boolean sampleObject(int interval) {
        return interval <= 1 || sample(interval);
    }

    /**
     * Returns whether an object is in the sample, the same answer on every call for it: decided by
     * its identity hash (a random number the VM draws for each object), independent of the order
     * objects come in.
     */
    static boolean sampleStable(Object object, int interval) {
        return interval <= 1 || Math.floorMod(System.identityHashCode(object), interval) == 0;
    }

    /**
     * A random gap for one sample in {@code interval}: geometric, {@code P(gap = k) = (1 - p)^k p}
     * with {@code p = 1 / interval}, by inversion of a uniform draw.
     */
    static int randomGap(int interval) {
        return gap(1.0 - ThreadLocalRandom.current().nextDouble(), interval);
    }

    /** The geometric gap for the uniform draw {@code u} in {@code (0, 1]}. */
    static int gap(double u, int interval) {
        if (interval <= 1) {
            return 0;
        }
        double gap = Math.log(u) / Math.log1p(-1.0 / interval);
        return gap >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) gap;
    }
}
