package io.github.reftrack.internal.capture;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Loaded by a throwaway class loader in {@link NativeStacksTest}: its frame is on the stack when
 * the supplier captures, and its class is unloaded before the capture is decoded.
 */
public final class UnloadVictim implements Function<Supplier<long[]>, long[]> {
    @Override
    public long[] apply(Supplier<long[]> capture) {
        return capture.get();
    }
}
