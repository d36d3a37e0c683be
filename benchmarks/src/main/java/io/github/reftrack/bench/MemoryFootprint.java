package io.github.reftrack.bench;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.RefTrackingSettings;
import io.github.reftrack.internal.capture.Capture;
import io.github.reftrack.internal.capture.CaptureSource;
import io.github.reftrack.internal.capture.JavaCaptureSource;
import io.github.reftrack.internal.capture.NativeCaptureSource;
import io.github.reftrack.internal.capture.NativeStacks;
import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.capture.RawFrames;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Retained heap per live tracked reference, measured after garbage collection: allocate
 * {@code count} live references from {@code sites} call sites, force reftrack to intern their
 * stacks (one {@code report(16)}), collect, and divide the growth of the used heap by
 * {@code count}. The holder arrays and the tracked objects exist before the first measurement,
 * so only what tracking adds is counted; stacks shared between references (the depot) are
 * included, spread over all references.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.github.reftrack.bench.MemoryFootprint [count [sites [depth]]]
 * }</pre>
 *
 * <p>Without a scenario it runs every scenario in a JVM of its own (same {@code java}, heap fixed
 * at 8 GB: the first report over a million raw stacks holds every decoded stack at once, which
 * did not fit in 4 GB with lost-reference detection on JDK 25) and prints one table. Scenarios:
 * {@code reftrack-full}, {@code reftrack-full-lost} (lost-reference detection on),
 * {@code netty-paranoid}, {@code raw-capture} (a {@code Capture} per reference, never interned:
 * what reftrack would keep without interning), {@code raw-native} (the native backend's raw
 * frames per reference, what a young tracker holds besides itself until its stack is interned;
 * the child gets the native capture's flags and the scenario fails if the library did not load).
 */
public final class MemoryFootprint {
    static final String[] SCENARIOS = {"reftrack-full", "reftrack-full-lost", "netty-paranoid", "raw-capture",
        "raw-native"};
    private static final int SITE_BITS = 7;

    private MemoryFootprint() {
    }

    /**
     * Runs all scenarios in child JVMs, or one in this JVM.
     *
     * @param args {@code [count [sites [depth]]]}, or {@code --scenario NAME count sites depth}
     * @throws Exception if a child JVM cannot be run or fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--scenario")) {
            if (args.length != 5) {
                throw new IllegalArgumentException("usage: --scenario NAME COUNT SITES DEPTH");
            }
            Result result = measure(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            System.out.println("RESULT " + result.bytesPerReference() + " " + result.before() + " " + result.after());
            return;
        }
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int sites = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        if (count < 1 || sites < 1 || sites > 1 << SITE_BITS || depth < 0) {
            throw new IllegalArgumentException("count must be >= 1, sites 1.." + (1 << SITE_BITS) + ", depth >= 0");
        }
        System.out.printf(Locale.ROOT, "%d live references from %d call sites, %d extra frames deep, java %s%n",
                count, sites, depth, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-20s %14s %14s %12s%n", "scenario", "heap before", "heap after",
                "bytes/ref");
        for (String scenario : SCENARIOS) {
            String[] line = runChild(scenario, count, sites, depth).split(" ");
            System.out.printf(Locale.ROOT, "%-20s %14s %14s %12s%n", scenario, line[2], line[3], line[1]);
        }
    }

    private static String runChild(String scenario, int count, int sites, int depth)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms8g", "-Xmx8g",
                NativeCapture.ARGS_ACCESS, "-cp", System.getProperty("java.class.path"),
                MemoryFootprint.class.getName(), "--scenario", scenario, String.valueOf(count),
                String.valueOf(sites), String.valueOf(depth)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("RESULT ")) {
                    result = line;
                }
            }
        }
        int exit = child.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException("scenario " + scenario + " failed (exit " + exit + "):\n" + output);
        }
        return result;
    }

    /** Heap used before and after, and the difference per reference. */
    record Result(long before, long after, long count) {
        double bytesPerReferenceValue() {
            return (after - before) / (double) count;
        }

        String bytesPerReference() {
            return String.format(Locale.ROOT, "%.1f", bytesPerReferenceValue());
        }
    }

    static Result measure(String scenario, int count, int sites, int depth) {
        switch (scenario) {
            case "reftrack-full":
                return reftrack(count, sites, depth, false);
            case "reftrack-full-lost":
                return reftrack(count, sites, depth, true);
            case "netty-paranoid":
                return netty(count, sites, depth);
            case "raw-capture":
                return raw(JavaCaptureSource.INSTANCE, Capture.class, count, sites, depth);
            case "raw-native":
                return rawNative(count, sites, depth);
            default:
                throw new IllegalArgumentException("unknown scenario " + scenario + "; one of "
                        + String.join(", ", SCENARIOS));
        }
    }

    private static Result reftrack(int count, int sites, int depth, boolean lost) {
        RefTrackerDir dir = RefTrackerDir.builder("footprint").mode(RefTracking.Mode.FULL).quarantine(16)
                .detectLost(lost).build();
        RefTracker[] trackers = new RefTracker[count];
        dir.free(dir.alloc());
        long before = usedAfterGc();
        fill(count, sites, depth, i -> trackers[i] = dir.alloc());
        dir.report(16);
        long after = usedAfterGc();
        int live = dir.liveCount();
        if (live != count) {
            throw new IllegalStateException("expected " + count + " live trackers, found " + live);
        }
        for (RefTracker tracker : trackers) {
            dir.free(tracker);
        }
        dir.close();
        return new Result(before, after, count);
    }

    private static Result netty(int count, int sites, int depth) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetector<Object> detector = ResourceLeakDetectorFactory.instance()
                .newResourceLeakDetector(Object.class, 128);
        Object[] resources = new Object[count];
        for (int i = 0; i < count; i++) {
            resources[i] = new Object();
        }
        List<ResourceLeakTracker<Object>> trackers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            trackers.add(null);
        }
        Object warmup = new Object();
        detector.track(warmup).close(warmup);
        long before = usedAfterGc();
        fill(count, sites, depth, i -> trackers.set(i, detector.track(resources[i])));
        long after = usedAfterGc();
        for (int i = 0; i < count; i++) {
            trackers.get(i).close(resources[i]);
        }
        return new Result(before, after, count);
    }

    private static Result rawNative(int count, int sites, int depth) {
        NativeStacks stacks = NativeStacks.load();
        if (!stacks.available()) {
            throw new IllegalStateException("the native capture did not load: " + stacks.unavailableReason());
        }
        return raw(new NativeCaptureSource(stacks, RefTrackingSettings.DEFAULT_DEPTH), RawFrames.class, count, sites,
                depth);
    }

    /** One raw capture of {@code source} per reference, never interned; each must be a {@code kind}. */
    private static Result raw(CaptureSource source, Class<? extends RawCapture> kind, int count, int sites,
            int depth) {
        RawCapture[] captures = new RawCapture[count];
        source.capture();
        long before = usedAfterGc();
        fill(count, sites, depth, i -> captures[i] = source.capture());
        long after = usedAfterGc();
        if (!kind.isInstance(captures[count - 1])) {
            throw new IllegalStateException("the " + source + " capture failed or fell back to another source");
        }
        return new Result(before, after, count);
    }

    /** What one reference does at its site. */
    private interface Take {
        Object at(int index);
    }

    private static void fill(int count, int sites, int depth, Take take) {
        Deep.descend(depth, () -> {
            for (int i = 0; i < count; i++) {
                int index = i;
                Sites.at(i % sites, SITE_BITS, () -> take.at(index));
            }
            return 0;
        });
    }

    private static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the collector", e);
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
