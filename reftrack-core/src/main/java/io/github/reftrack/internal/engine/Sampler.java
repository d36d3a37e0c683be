package io.github.reftrack.internal.engine;

/**
 * Decides which references get a stack in {@code sample} mode: one in {@code interval}, counted
 * per thread, so threads taking references on directories of one class never write a shared
 * counter (the per-class counter this replaces bounced one cache line between cores, and kept one
 * object per distinct class name forever). The first reference a thread takes is sampled; a
 * countdown then skips {@code interval - 1} references. One sampler per runtime.
 */
final class Sampler {
    private final ThreadLocal<int[]> countdown = ThreadLocal.withInitial(() -> new int[1]);

    /** Returns whether this reference gets a stack. */
    boolean sample(int interval) {
        int[] left = countdown.get();
        if (left[0] <= 0) {
            left[0] = interval - 1;
            return true;
        }
        left[0]--;
        return false;
    }
}
