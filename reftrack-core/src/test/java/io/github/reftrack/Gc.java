package io.github.reftrack;

import java.lang.ref.WeakReference;
import java.util.function.BooleanSupplier;

/** Waits for the garbage collector, boundedly, in the manner of Guava's GcFinalization. */
final class Gc {
    private static final int ATTEMPTS = 100;

    private Gc() {
    }

    static boolean awaitCleared(WeakReference<?> ref) throws InterruptedException {
        return await(() -> ref.get() == null);
    }

    /** Runs GCs until the condition holds; gives up after about ten seconds. */
    static boolean await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < ATTEMPTS; i++) {
            if (condition.getAsBoolean()) {
                return true;
            }
            System.gc();
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
