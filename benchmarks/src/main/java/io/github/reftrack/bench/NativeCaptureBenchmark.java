package io.github.reftrack.bench;

import io.github.reftrack.internal.capture.NativeStacks;
import io.github.reftrack.internal.capture.RawFrames;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The optional native capture ({@code NativeStacks}, {@code AsyncGetCallTrace} through JNI) at
 * the depths of {@link CaptureBenchmark}, whose {@code newThrowable} is the figure to compare
 * with in the same run: 16 raw frames into a reused array, the same plus the hash that would key
 * the depot, an exact-size raw array as a tracker would keep it, and decoding 16 raw frames into
 * stack trace elements. Decoding is measured warm: after the first invocation every method's
 * description is cached, as it is for a report over stacks from known call sites; a method seen
 * for the first time adds four JVMTI calls. Fails at setup, saying why, where the library
 * cannot load (not linux-x86_64, built without gcc, not HotSpot).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
public class NativeCaptureBenchmark {
    /** Captures per benchmark invocation. */
    public static final int OPS = 256;

    /** Frames kept per capture, as reftrack keeps. */
    public static final int FRAMES = 16;

    /** Extra frames between JMH's benchmark method and the captures. */
    @Param({"8", "40", "200"})
    public int depth;

    private NativeStacks stacks;
    private final long[] scratch = new long[FRAMES];

    /** Loads the library, or fails the benchmark with the reason. */
    @Setup
    public void load() {
        stacks = NativeStacks.load();
        if (!stacks.available()) {
            throw new IllegalStateException(stacks.unavailableReason());
        }
    }

    /**
     * 16 raw frames into a reused array.
     *
     * @param bh consumes each result
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nativeCapture(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                bh.consume(stacks.capture(scratch, 0));
            }
            return 0;
        });
    }

    /**
     * 16 raw frames and their hash, the depot key that needs no decoding.
     *
     * @param bh consumes each hash
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nativeCaptureHash(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                int n = stacks.capture(scratch, 0);
                bh.consume(RawFrames.hash(scratch, n));
            }
            return 0;
        });
    }

    /**
     * An exact-size raw array as a tracker would keep it, and its hash.
     *
     * @param bh consumes each array and hash
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nativeCaptureKept(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                long[] raw = stacks.captureOrNull(FRAMES, 0);
                bh.consume(raw);
                bh.consume(RawFrames.hash(raw, raw.length));
            }
            return 0;
        });
    }

    /**
     * Decoding 16 raw frames captured at this depth into stack trace elements, methods cached.
     *
     * @param bh consumes each decoded stack
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nativeDecode(Blackhole bh) {
        return Deep.descend(depth, () -> {
            long[] raw = stacks.captureOrNull(FRAMES, 0);
            for (int i = 0; i < OPS; i++) {
                bh.consume(stacks.decode(raw, raw.length));
            }
            return 0;
        });
    }
}
