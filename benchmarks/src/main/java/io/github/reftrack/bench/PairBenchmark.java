package io.github.reftrack.bench;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One acquire+release pair, as a ref-counted object does it: increment an {@link AtomicInteger},
 * take a tracker, release the tracker, decrement. Each benchmark descends {@code depth} frames
 * once and then runs {@value #OPS} pairs there, so the result is the cost of one pair at that
 * depth ({@code @OperationsPerInvocation}); {@link #descendOnly} shows what the descent adds per
 * pair.
 *
 * <ul>
 *   <li>{@code atomicInteger}: the reference count alone, the baseline;</li>
 *   <li>{@code reftrackOff}, {@code reftrackSample}, {@code reftrackFull}: the count plus a
 *       reftrack directory in that mode (sample records 1 in 128; full quarantines 16);
 *       {@code reftrackFullNative}, {@code reftrackSampleNative}: full and sample mode on the
 *       native capture backend, each in a fork of its own ({@code -Dreftrack.capture=native});
 *       {@code reftrackFullAuto}, {@code reftrackSampleAuto}: the same with the capture chosen
 *       per call ({@code -Dreftrack.capture=auto}: Java on shallow stacks, native on deep ones);
 *       {@code reftrackSampledOut}: the untracked path of sample mode alone;</li>
 *   <li>{@code nettyParanoid}, {@code nettySimple}: the count plus Netty's
 *       {@code ResourceLeakDetector} track and close (4.2 records the close stack too);</li>
 *   <li>{@code naive}: the count plus {@code new Throwable()} kept in a concurrent set.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PairBenchmark {
    /** Pairs per benchmark invocation, all at the same depth. */
    public static final int OPS = 1024;

    /** Extra frames between JMH's benchmark method and the pairs. */
    @Param({"8", "40", "200"})
    public int depth;

    private final AtomicInteger refs = new AtomicInteger(1);
    private final Object resource = new Object();
    private RefTrackerDir off;
    private RefTrackerDir sample;
    private RefTrackerDir full;
    private RefTrackerDir sampledOut;
    private ResourceLeakDetector<Object> netty;
    private final Set<Throwable> naiveLive = ConcurrentHashMap.newKeySet();

    /**
     * Creates the directories and the Netty detector, at the level the running benchmark needs
     * (Netty's level is global).
     *
     * @param params the running benchmark
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        off = RefTrackerDir.builder("bench-pair").mode(RefTracking.Mode.OFF).build();
        sample = RefTrackerDir.builder("bench-pair").mode(RefTracking.Mode.SAMPLE).sampleInterval(128)
                .quarantine(16).detectLost(false).build();
        full = RefTrackerDir.builder("bench-pair").mode(RefTracking.Mode.FULL).quarantine(16).detectLost(false)
                .build();
        sampledOut = RefTrackerDir.builder("bench-pair").mode(RefTracking.Mode.SAMPLE)
                .sampleInterval(Integer.MAX_VALUE).quarantine(16).detectLost(false).build();
        sampledOut.free(sampledOut.alloc());
        if (params.getBenchmark().endsWith("Native")) {
            NativeCapture.require("native");
        } else if (params.getBenchmark().endsWith("Auto")) {
            NativeCapture.require("auto");
        }
        ResourceLeakDetector.setLevel(params.getBenchmark().endsWith("nettySimple")
                ? ResourceLeakDetector.Level.SIMPLE : ResourceLeakDetector.Level.PARANOID);
        netty = ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Object.class, 128);
    }

    /** Closes the directories; a leak here would be a bug in the benchmark. */
    @TearDown
    public void tearDown() {
        sample.close();
        full.close();
        sampledOut.close();
    }

    /**
     * The descent alone, with an empty loop at the bottom.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int descendOnly() {
        return Deep.descend(depth, refs::get);
    }

    /**
     * Baseline: the reference count alone.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int atomicInteger() {
        return Deep.descend(depth, this::countOnly);
    }

    /**
     * reftrack with tracking off.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int reftrackOff() {
        return Deep.descend(depth, () -> tracked(off));
    }

    /**
     * reftrack sampling one reference in 128.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int reftrackSample() {
        return Deep.descend(depth, () -> tracked(sample));
    }

    /**
     * Diagnostic: a sampling directory whose every reference is sampled out (interval
     * {@code Integer.MAX_VALUE}, the first one taken in set-up), so only the untracked path runs.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int reftrackSampledOut() {
        return Deep.descend(depth, () -> tracked(sampledOut));
    }

    /**
     * reftrack recording every reference.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int reftrackFull() {
        return Deep.descend(depth, () -> tracked(full));
    }

    /**
     * reftrack recording every reference, stacks captured by the native backend.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_CAPTURE})
    public int reftrackFullNative() {
        return Deep.descend(depth, () -> tracked(full));
    }

    /**
     * reftrack sampling 1 in 128, the sampled stacks captured by the native backend.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_CAPTURE})
    public int reftrackSampleNative() {
        return Deep.descend(depth, () -> tracked(sample));
    }

    /**
     * reftrack recording every reference, each stack captured in Java or natively as its depth
     * makes cheaper.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_AUTO})
    public int reftrackFullAuto() {
        return Deep.descend(depth, () -> tracked(full));
    }

    /**
     * reftrack sampling 1 in 128, each sampled stack captured in Java or natively as its depth
     * makes cheaper.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_AUTO})
    public int reftrackSampleAuto() {
        return Deep.descend(depth, () -> tracked(sample));
    }

    /**
     * Netty 4.2 at PARANOID: every object tracked, creation and close stacks recorded.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nettyParanoid() {
        return Deep.descend(depth, this::nettyTracked);
    }

    /**
     * Netty 4.2 at SIMPLE: one object in 128 tracked.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int nettySimple() {
        return Deep.descend(depth, this::nettyTracked);
    }

    /**
     * A naive tracker: a new Throwable per reference, kept in a concurrent set while live.
     *
     * @return a value JMH consumes
     */
    @Benchmark
    @OperationsPerInvocation(OPS)
    public int naive() {
        return Deep.descend(depth, this::naiveTracked);
    }

    private int countOnly() {
        for (int i = 0; i < OPS; i++) {
            refs.incrementAndGet();
            refs.decrementAndGet();
        }
        return refs.get();
    }

    private int tracked(RefTrackerDir dir) {
        for (int i = 0; i < OPS; i++) {
            refs.incrementAndGet();
            RefTracker tracker = dir.alloc();
            dir.free(tracker);
            refs.decrementAndGet();
        }
        return refs.get();
    }

    private int nettyTracked() {
        for (int i = 0; i < OPS; i++) {
            refs.incrementAndGet();
            ResourceLeakTracker<Object> tracker = netty.track(resource);
            if (tracker != null) {
                tracker.close(resource);
            }
            refs.decrementAndGet();
        }
        return refs.get();
    }

    private int naiveTracked() {
        for (int i = 0; i < OPS; i++) {
            refs.incrementAndGet();
            Throwable stack = new Throwable();
            naiveLive.add(stack);
            naiveLive.remove(stack);
            refs.decrementAndGet();
        }
        return refs.get();
    }
}
