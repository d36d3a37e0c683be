package io.github.reftrack.bench;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads taking and releasing trackers: on one shared directory ({@code Scope.Benchmark})
 * against each on a directory of its own ({@code Scope.Thread}). Throughput of both threads
 * together, alloc+free pairs per microsecond. No extra stack depth: the shallowest stack gives
 * the cheapest capture, so the directory's lock weighs most here. Both cases use one directory
 * class name, as real directories of one kind do. {@code nettySimple} is the anchor for sample
 * mode: both threads tracking and closing objects with Netty's detector at SIMPLE (1 in 128).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(2)
public class ContentionBenchmark {

    /** The mode of the directories. */
    @State(Scope.Benchmark)
    public static class Tracking {
        /**
         * {@code FULL}, {@code SAMPLE} (1 in 128) or {@code SAMPLED_OUT} (sample mode recording
         * nothing after the directory's first reference: the striped count alone).
         */
        @Param({"FULL", "SAMPLE", "SAMPLED_OUT"})
        public String mode;
    }

    /** A directory, shared by the threads or owned by one, depending on the state's scope. */
    public abstract static class Directory {
        RefTrackerDir dir;

        /**
         * Creates the directory.
         *
         * @param tracking the mode to create it in
         */
        @Setup
        public void setUp(Tracking tracking) {
            boolean sampledOut = tracking.mode.equals("SAMPLED_OUT");
            dir = RefTrackerDir.builder("bench-contention")
                    .mode(sampledOut ? RefTracking.Mode.SAMPLE : RefTracking.Mode.valueOf(tracking.mode))
                    .sampleInterval(sampledOut ? Integer.MAX_VALUE : 128).quarantine(16).detectLost(false).build();
            if (sampledOut) {
                dir.free(dir.alloc());
            }
        }

        /** Closes it. */
        @TearDown
        public void tearDown() {
            dir.close();
        }
    }

    /** Netty's detector at SIMPLE, shared by the threads as Netty's detector of a type is. */
    @State(Scope.Benchmark)
    public static class NettySimple {
        ResourceLeakDetector<Object> detector;

        /** Sets Netty's (global) level and creates the detector. */
        @Setup
        public void setUp() {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
            detector = ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Object.class, 128);
        }
    }

    /** The object a thread tracks with Netty. */
    @State(Scope.Thread)
    public static class Resource {
        final Object resource = new Object();
    }

    /** One directory for both threads. */
    @State(Scope.Benchmark)
    public static class SharedDirectory extends Directory {
    }

    /** A directory per thread. */
    @State(Scope.Thread)
    public static class OwnDirectory extends Directory {
    }

    /**
     * Both threads on one directory.
     *
     * @param state the shared directory
     * @return a value JMH consumes
     */
    @Benchmark
    public boolean sharedDirectory(SharedDirectory state) {
        RefTracker tracker = state.dir.alloc();
        return state.dir.free(tracker);
    }

    /**
     * Each thread on its own directory.
     *
     * @param state this thread's directory
     * @return a value JMH consumes
     */
    @Benchmark
    public boolean ownDirectory(OwnDirectory state) {
        RefTracker tracker = state.dir.alloc();
        return state.dir.free(tracker);
    }

    /**
     * Each thread tracking and closing its object with Netty's detector at SIMPLE.
     *
     * @param netty    the detector
     * @param resource this thread's object
     * @return a value JMH consumes
     */
    @Benchmark
    public boolean nettySimple(NettySimple netty, Resource resource) {
        ResourceLeakTracker<Object> tracker = netty.detector.track(resource.resource);
        return tracker == null || tracker.close(resource.resource);
    }
}
