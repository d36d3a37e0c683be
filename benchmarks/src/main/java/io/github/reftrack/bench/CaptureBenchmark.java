package io.github.reftrack.bench;

import io.github.reftrack.internal.capture.Capture;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Stack capture alone, at a given depth: a bare {@code new Throwable()}, a {@code StackWalker}
 * limited to 16 frames, and what reftrack takes per alloc and free ({@code Capture.take()}, from
 * its non-exported capture package, reachable on the class path). {@code decodeThrowable} adds
 * {@code getStackTrace()}, the decoding reftrack defers until a stack is interned. Each
 * benchmark descends once and captures {@value #OPS} times at the bottom.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CaptureBenchmark {
    /** Captures per benchmark invocation. */
    public static final int OPS = 256;

    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Extra frames between JMH's benchmark method and the captures. */
    @Param({"8", "40", "200"})
    public int depth;

    /**
     * A bare {@code new Throwable()}: the VM fills in its compact backtrace.
     *
     * @param bh consumes each capture
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int newThrowable(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                bh.consume(new Throwable());
            }
            return 0;
        });
    }

    /**
     * {@code StackWalker} keeping the innermost 16 frames.
     *
     * @param bh consumes each capture
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int stackWalker16(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                bh.consume(WALKER.walk(frames -> frames.limit(16).toList()));
            }
            return 0;
        });
    }

    /**
     * reftrack's capture, as alloc and free take it.
     *
     * @param bh consumes each capture
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int reftrackCapture(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                bh.consume(Capture.take());
            }
            return 0;
        });
    }

    /**
     * A Throwable captured and decoded into frames: what eager decoding would cost per capture.
     *
     * @param bh consumes each decoded stack
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int decodeThrowable(Blackhole bh) {
        return Deep.descend(depth, () -> {
            for (int i = 0; i < OPS; i++) {
                bh.consume(new Throwable().getStackTrace());
            }
            return 0;
        });
    }
}
