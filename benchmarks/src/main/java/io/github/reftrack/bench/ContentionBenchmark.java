package io.github.reftrack.bench;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
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
 * class name, so in sample mode they share the class's sampler, as real directories of one kind
 * do.
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
        /** {@code FULL} or {@code SAMPLE} (1 in 128). */
        @Param({"FULL", "SAMPLE"})
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
            dir = RefTrackerDir.builder("bench-contention").mode(RefTracking.Mode.valueOf(tracking.mode))
                    .sampleInterval(128).quarantine(16).detectLost(false).build();
        }

        /** Closes it. */
        @TearDown
        public void tearDown() {
            dir.close();
        }
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
}
