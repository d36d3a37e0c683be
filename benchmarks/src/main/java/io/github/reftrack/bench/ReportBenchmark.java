package io.github.reftrack.bench;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * {@code report(16)} over a directory with {@value #LIVE} live trackers taken on {@value #SITES}
 * call sites (about 40 frames deep).
 *
 * <ul>
 *   <li>{@code reportCold}: a fresh directory per call, its stacks still raw captures, so the
 *       report decodes and interns all of them: the first report of a young directory;</li>
 *   <li>{@code reportWarm}: the same directory again and again, stacks already interned: any
 *       later report, or the first one after the housekeeping thread promoted the trackers;</li>
 *   <li>{@code reportColdNative}: {@code reportCold} with stacks captured by the native backend,
 *       whose raw frames are recognised as equal before decoding, in a fork of its own.</li>
 * </ul>
 *
 * <p>The housekeeping thread interns a young directory's stacks within a second of its first
 * alloc; when that overlaps a cold report, the two share the decoding and the report is faster.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ReportBenchmark {
    /** Live trackers in the reported directory. */
    public static final int LIVE = 10_000;
    /** Distinct allocation stacks among them. */
    public static final int SITES = 50;

    private static final int SITE_BITS = 6;
    private static final int DEPTH = 32;

    /** A directory filled with {@value #LIVE} live trackers. */
    public abstract static class Filled {
        RefTrackerDir dir;
        private final RefTracker[] trackers = new RefTracker[LIVE];

        void fill() {
            dir = RefTrackerDir.builder("bench-report").mode(RefTracking.Mode.FULL).detectLost(false).build();
            RefTrackerDir target = dir;
            Deep.descend(DEPTH, () -> {
                for (int i = 0; i < LIVE; i++) {
                    trackers[i] = Sites.at(i % SITES, SITE_BITS, target::alloc);
                }
                return 0;
            });
        }

        void empty() {
            for (RefTracker tracker : trackers) {
                dir.free(tracker);
            }
            dir.close();
        }
    }

    /** A directory whose stacks were interned before measuring. */
    @State(Scope.Benchmark)
    public static class Warm extends Filled {
        /** Fills the directory and interns its stacks with one report. */
        @Setup
        public void setUp() {
            fill();
            dir.report(16);
        }

        /** Releases the trackers and closes the directory. */
        @TearDown
        public void tearDown() {
            empty();
        }
    }

    /** A fresh directory for every call. */
    @State(Scope.Thread)
    public static class Cold extends Filled {
        /**
         * Fills a new directory.
         *
         * @param params the running benchmark
         */
        @Setup(Level.Invocation)
        public void setUp(BenchmarkParams params) {
            if (params.getBenchmark().endsWith("Native")) {
                NativeCapture.require();
            }
            fill();
        }

        /** Releases the trackers and closes the directory. */
        @TearDown(Level.Invocation)
        public void tearDown() {
            empty();
        }
    }

    /**
     * The first report of a directory whose stacks are still raw.
     *
     * @param state the fresh directory
     * @return the report
     */
    @Benchmark
    public LeakReport reportCold(Cold state) {
        return state.dir.report(16);
    }

    /**
     * A report of a directory whose stacks are interned.
     *
     * @param state the directory
     * @return the report
     */
    @Benchmark
    public LeakReport reportWarm(Warm state) {
        return state.dir.report(16);
    }

    /**
     * The first report of a directory whose stacks are raw native captures.
     *
     * @param state the fresh directory
     * @return the report
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", NativeCapture.ARGS_ACCESS, NativeCapture.ARGS_CAPTURE})
    public LeakReport reportColdNative(Cold state) {
        return state.dir.report(16);
    }
}
