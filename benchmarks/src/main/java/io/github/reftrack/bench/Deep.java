package io.github.reftrack.bench;

import java.util.function.IntSupplier;

/**
 * Runs an operation below a given number of extra stack frames, so that stack capture costs are
 * measured at a known depth. A benchmark descends once and then runs its operation many times in
 * a loop at the bottom ({@code @OperationsPerInvocation}), which spreads the cost of descending
 * over the operations.
 *
 * <p>The first time a process reaches the bottom it prints the total stack depth there (the
 * benchmark's frames plus JMH's own), so every result file states the real depth.
 */
public final class Deep {
    /** Only ever set from false to true; a race prints the line twice, which is harmless. */
    private static boolean printed;

    private Deep() {
    }

    /**
     * Calls {@code bottom} below {@code frames} extra frames of this method.
     *
     * @param frames how many frames to add, 0 or more
     * @param bottom the operation loop
     * @return what {@code bottom} returned, plus {@code frames} (so no frame can be elided)
     */
    public static int descend(int frames, IntSupplier bottom) {
        if (frames > 0) {
            return descend(frames - 1, bottom) + 1;
        }
        if (!printed) {
            printed = true;
            System.out.println("(stack at the operation: " + new Throwable().getStackTrace().length
                    + " frames, as a Throwable created there records them)");
        }
        return bottom.getAsInt();
    }
}
