package io.github.reftrack.internal.engine;

/**
 * Decides which references get a stack in {@code sample} mode: one in {@code interval}, counted
 * per thread, so threads taking references on directories of one class never write a shared
 * counter (the per-class counter this replaces bounced one cache line between cores, and kept one
 * object per distinct class name forever). The first reference a thread takes is sampled; a
 * countdown then skips {@code interval - 1} references. One sampler per runtime.
 *
 * <p>Each directory also records its first reference, so a directory that only ever sees a few
 * references (one per object, as the kernel's) still shows where it was first taken. That
 * reference counts as the thread's sample: it restarts the countdown ({@link #restart}), so a
 * thread still records one reference in {@code interval}.
 *
 * <p>The countdown is the thread's, shared by every directory the thread uses, so it never runs
 * longer than the interval of the directory asking: a directory with a long interval (or one
 * that samples almost nothing) cannot make a thread skip the references of a directory with a
 * short one.
 */
final class Sampler {
    private final ThreadLocal<int[]> countdown = ThreadLocal.withInitial(() -> new int[1]);

    /** A reference got a stack for another reason (its directory's first): skip the next {@code interval - 1}. */
    void restart(int interval) {
        countdown.get()[0] = interval - 1;
    }

    /** Returns whether this reference gets a stack. */
    boolean sample(int interval) {
        int[] left = countdown.get();
        int n = Math.min(left[0], interval - 1);
        if (n <= 0) {
            left[0] = interval - 1;
            return true;
        }
        left[0] = n - 1;
        return false;
    }
}
