package io.github.reftrack.bench;

import io.github.reftrack.internal.capture.NativeStacks;
import io.github.reftrack.internal.capture.RawFrames;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * An experiment for decoding each distinct stack once, outside the engine: {@value #CAPTURES}
 * fresh captures from {@value #SITES} call sites (about 40 frames deep) are turned into a map
 * from stack (its innermost {@value #KEPT} frames) to decoded frames, as the first report of a
 * young directory must. Every invocation gets fresh captures ({@code getStackTrace()} caches its
 * result in the Throwable).
 *
 * <ul>
 *   <li>{@code decodeEach}: today's Java path, {@code getStackTrace()} on every Throwable;</li>
 *   <li>{@code decodeEachParallel}: the same on a parallel stream (the common pool);</li>
 *   <li>{@code backtraceKey}: group the Throwables first by the VM's raw backtrace (method
 *       number, bytecode index and class of each frame, read from {@code Throwable}'s private
 *       {@code backtrace} field) and decode one per group. Needs
 *       {@code --add-opens java.base/java.lang=ALL-UNNAMED} and leans on a HotSpot-internal
 *       layout: a measurement of what a key would save, not something to ship;</li>
 *   <li>{@code nativeKey}: native raw captures grouped by their hash, one decode per group
 *       (method descriptions cached after the first invocation).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED"})
public class ColdDecodeBenchmark {
    /** Captures per invocation. */
    public static final int CAPTURES = 10_000;
    /** Distinct call sites among them. */
    public static final int SITES = 50;
    /** Frames that make a stack's identity. */
    public static final int KEPT = 16;

    private static final int SITE_BITS = 6;
    private static final int DEPTH = 32;

    /** Fresh Throwables for every invocation. */
    @State(Scope.Thread)
    public static class Throwables {
        final Throwable[] captures = new Throwable[CAPTURES];
        Field backtrace;

        /** Opens the backtrace field once, if the JVM was started with the add-opens. */
        @Setup
        public void open() {
            try {
                backtrace = Throwable.class.getDeclaredField("backtrace");
                backtrace.setAccessible(true);
            } catch (ReflectiveOperationException | RuntimeException e) {
                backtrace = null;
            }
        }

        /** Captures {@value #CAPTURES} Throwables. */
        @Setup(Level.Invocation)
        public void capture() {
            Deep.descend(DEPTH, () -> {
                for (int i = 0; i < CAPTURES; i++) {
                    captures[i] = Sites.at(i % SITES, SITE_BITS, Throwable::new);
                }
                return 0;
            });
        }
    }

    /** Fresh native raw captures for every invocation. */
    @State(Scope.Thread)
    public static class Raw {
        final long[][] captures = new long[CAPTURES][];
        NativeStacks stacks;

        /** Loads the library, or fails the benchmark with the reason. */
        @Setup
        public void load() {
            stacks = NativeStacks.load();
            if (!stacks.available()) {
                throw new IllegalStateException(stacks.unavailableReason());
            }
        }

        /** Captures {@value #CAPTURES} raw stacks. */
        @Setup(Level.Invocation)
        public void capture() {
            Deep.descend(DEPTH, () -> {
                for (int i = 0; i < CAPTURES; i++) {
                    captures[i] = Sites.at(i % SITES, SITE_BITS, () -> stacks.captureOrNull(KEPT, 0));
                }
                return 0;
            });
        }
    }

    private static StackTraceElement[] top(StackTraceElement[] frames) {
        return frames.length <= KEPT ? frames : Arrays.copyOf(frames, KEPT);
    }

    /**
     * Decodes every Throwable, then interns by the decoded frames.
     *
     * @param state the captures
     * @return the distinct stacks
     */
    @Benchmark
    public Map<List<StackTraceElement>, StackTraceElement[]> decodeEach(Throwables state) {
        Map<List<StackTraceElement>, StackTraceElement[]> depot = new HashMap<>();
        for (Throwable t : state.captures) {
            StackTraceElement[] frames = top(t.getStackTrace());
            depot.putIfAbsent(Arrays.asList(frames), frames);
        }
        return depot;
    }

    /**
     * Decodes every Throwable on a parallel stream, then interns by the decoded frames.
     *
     * @param state the captures
     * @return the distinct stacks
     */
    @Benchmark
    public Map<List<StackTraceElement>, StackTraceElement[]> decodeEachParallel(Throwables state) {
        Map<List<StackTraceElement>, StackTraceElement[]> depot = new ConcurrentHashMap<>();
        IntStream.range(0, CAPTURES).parallel().forEach(i -> {
            StackTraceElement[] frames = top(state.captures[i].getStackTrace());
            depot.putIfAbsent(Arrays.asList(frames), frames);
        });
        return depot;
    }

    /**
     * Groups the Throwables by their raw backtrace, then decodes one per group.
     *
     * @param state the captures
     * @return the distinct stacks
     * @throws IllegalAccessException if the JVM was started without the add-opens
     */
    @Benchmark
    public Map<BacktraceKey, StackTraceElement[]> backtraceKey(Throwables state) throws IllegalAccessException {
        if (state.backtrace == null) {
            throw new IllegalStateException("start with --add-opens java.base/java.lang=ALL-UNNAMED");
        }
        Map<BacktraceKey, StackTraceElement[]> depot = new HashMap<>();
        for (Throwable t : state.captures) {
            BacktraceKey key = new BacktraceKey((Object[]) state.backtrace.get(t));
            if (!depot.containsKey(key)) {
                depot.put(key, top(t.getStackTrace()));
            }
        }
        return depot;
    }

    /**
     * Groups native raw captures by their hash and contents, then decodes one per group.
     *
     * @param state the captures
     * @return the distinct stacks
     */
    @Benchmark
    public Map<RawFrames, StackTraceElement[]> nativeKey(Raw state) {
        Map<RawFrames, StackTraceElement[]> depot = new HashMap<>();
        for (long[] raw : state.captures) {
            RawFrames key = new RawFrames(raw);
            if (!depot.containsKey(key)) {
                depot.put(key, state.stacks.decode(raw, raw.length));
            }
        }
        return depot;
    }

    /**
     * The innermost {@value #KEPT} frames of HotSpot's backtrace chunk (JDK 17 to 25: method
     * numbers, bytecode index and version, classes, ...), compared by value and class identity.
     */
    public static final class BacktraceKey {
        private final short[] methods;
        private final int[] bcis;
        private final Object[] classes;
        private final int hash;

        BacktraceKey(Object[] chunk) {
            short[] m = (short[]) chunk[0];
            int[] b = (int[]) chunk[1];
            Object[] c = (Object[]) chunk[2];
            int n = 0;
            while (n < KEPT && n < c.length && c[n] != null) {
                n++;
            }
            methods = Arrays.copyOf(m, n);
            bcis = Arrays.copyOf(b, n);
            classes = Arrays.copyOf(c, n);
            int h = n;
            for (int i = 0; i < n; i++) {
                h = 31 * (31 * (31 * h + methods[i]) + bcis[i]) + System.identityHashCode(classes[i]);
            }
            hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof BacktraceKey)) {
                return false;
            }
            BacktraceKey k = (BacktraceKey) o;
            if (k.hash != hash || !Arrays.equals(k.methods, methods) || !Arrays.equals(k.bcis, bcis)) {
                return false;
            }
            for (int i = 0; i < classes.length; i++) {
                if (classes[i] != k.classes[i]) {
                    return false;
                }
            }
            return k.classes.length == classes.length;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
