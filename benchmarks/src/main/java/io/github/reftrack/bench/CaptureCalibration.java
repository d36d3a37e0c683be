package io.github.reftrack.bench;

import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.RefTrackingRuntime;
import io.github.reftrack.RefTrackingSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Calibrates the automatic capture: thread CPU time per full-mode acquire+release pair with the
 * Java, native and automatic capture at several depths, in interleaved rounds on one thread whose
 * first capture is at its top (the automatic capture measures depth from a thread's shallowest
 * capture), median per cell. CPU time of the measuring thread is less disturbed than wall time on
 * a shared machine; still, compare within a row.
 *
 * <pre>{@code
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar io.github.reftrack.bench.CaptureCalibration \
 *     [DEPTHS, default 8,16,24,32,40,200] [ROUNDS, default 15]
 * }</pre>
 */
public final class CaptureCalibration {
    private static final RefTracking.Capture[] CAPTURES = RefTracking.Capture.values();
    private static final int INVOCATIONS = 10;

    private CaptureCalibration() {
    }

    /**
     * Prints one line per depth: ns per pair for each capture.
     *
     * @param args optional depths (comma-separated) and rounds
     * @throws InterruptedException if interrupted while waiting for the measuring thread
     */
    public static void main(String[] args) throws InterruptedException {
        String depths = args.length > 0 ? args[0] : "8,16,24,32,40,200";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        RefTrackerDir[] dirs = new RefTrackerDir[CAPTURES.length];
        for (int i = 0; i < dirs.length; i++) {
            RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(RefTrackingSettings.defaults()
                    .withMode(RefTracking.Mode.FULL).withCapture(CAPTURES[i])).build();
            if (runtime.captureInUse() != CAPTURES[i]) {
                throw new IllegalStateException("the native capture did not load: " + runtime);
            }
            dirs[i] = runtime.directory("calibration").quarantine(16).detectLost(false).build();
        }
        int[] parsed = Arrays.stream(depths.split(",")).mapToInt(Integer::parseInt).toArray();
        Thread thread = new Thread(() -> {
            for (RefTrackerDir dir : dirs) {
                dir.free(dir.alloc());
            }
            measure(dirs, parsed, rounds);
        }, "calibration");
        thread.start();
        thread.join();
    }

    private static void measure(RefTrackerDir[] dirs, int[] depths, int rounds) {
        double[][][] ns = new double[depths.length][dirs.length][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int d = 0; d < depths.length; d++) {
                for (int c = 0; c < dirs.length; c++) {
                    double perPair = perPair(dirs[c], depths[d]);
                    if (round >= 0) {
                        ns[d][c][round] = perPair;
                    }
                }
            }
        }
        System.out.println("| depth | " + String.join(" | ", names()) + " |");
        for (int d = 0; d < depths.length; d++) {
            StringBuilder row = new StringBuilder("| " + depths[d] + " |");
            for (double[] cell : ns[d]) {
                Arrays.sort(cell);
                row.append(String.format(Locale.ROOT, " %.0f ns |", cell[cell.length / 2]));
            }
            System.out.println(row);
        }
    }

    /** Thread CPU time per pair, over a few descents to the depth. */
    private static double perPair(RefTrackerDir dir, int depth) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < INVOCATIONS; i++) {
            Deep.descend(depth, () -> pairs(dir));
        }
        return (mx.getCurrentThreadCpuTime() - start) / (double) (INVOCATIONS * PairBenchmark.OPS);
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (RefTracking.Capture capture : CAPTURES) {
            names.add("`" + capture.name().toLowerCase(Locale.ROOT) + "`");
        }
        return names;
    }

    private static int pairs(RefTrackerDir dir) {
        for (int i = 0; i < PairBenchmark.OPS; i++) {
            dir.free(dir.alloc());
        }
        return dir.liveCount();
    }
}
