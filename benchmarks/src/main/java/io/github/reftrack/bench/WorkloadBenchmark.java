package io.github.reftrack.bench;

import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.workload.Workload;
import io.github.reftrack.delayedinode.workload.WorkloadResult;
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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The port: one whole delayed-inode workload run per invocation (mount, {@value #OPS} metadata
 * operations on one or two threads, subvolume deletion and kill-all), reported per
 * operation, so the mount and teardown are spread over the operations. Tracking off, sampled
 * (1 in 128) and full. A run is tens of milliseconds and the JIT keeps improving it for several
 * seconds, hence the longer iterations. {@code runNative} is the same run with stacks captured by
 * the native backend, in a fork of its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WorkloadBenchmark {
    /** Metadata operations per run. */
    public static final int OPS = 20_000;
    /**
     * Traffic threads per run: one (steady figures: nothing else competes for the cores but the
     * JIT, the GC and reftrack's housekeeper) or the machine's two cores (the port's concurrency,
     * noisy on a two-core machine).
     */
    @Param({"1", "2"})
    public int threads;

    /** The tracking mode of the mounted filesystem. */
    @Param({"OFF", "SAMPLE", "FULL"})
    public String tracking;

    private Workload workload;

    /**
     * Configures the workload.
     *
     * @param params the running benchmark
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        if (params.getBenchmark().endsWith("runNative")) {
            NativeCapture.require();
        }
        workload = Workload.builder().threads(threads).ops(OPS).seed(42)
                .tracking(RefTracking.Mode.valueOf(tracking)).build();
    }

    /**
     * Runs the workload once.
     *
     * @return the result
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public WorkloadResult run() throws InterruptedException {
        WorkloadResult result = workload.run();
        if (result.leaked() || result.operations() != OPS) {
            throw new IllegalStateException("the workload is meant to end clean with " + OPS
                    + " operations: " + result);
        }
        return result;
    }

    /**
     * Runs the workload once, stacks captured by the native backend.
     *
     * @return the result
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_CAPTURE})
    public WorkloadResult runNative() throws InterruptedException {
        return run();
    }
}
