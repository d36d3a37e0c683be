package io.github.reftrack.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The native capture against the Java one. Tests that need the library skip, saying why, where
 * it is absent; the rest run everywhere.
 */
class NativeStacksTest {
    private static final int MAX = 4096;

    /** The most frames a Throwable records by default (-XX:MaxJavaStackTraceDepth). */
    private static final int THROWABLE_DEPTH = 1024;

    private static NativeStacks loaded() {
        NativeStacks stacks = NativeStacks.load();
        if (!stacks.available()) {
            System.out.println("native capture tests skipped: " + stacks.unavailableReason());
        }
        assumeTrue(stacks.available(), () -> "native capture unavailable: " + stacks.unavailableReason());
        return stacks;
    }

    /** Both captures in one expression, so they share the call site's line. */
    private static Both both(NativeStacks stacks) {
        return new Both(stacks.captureOrNull(MAX, 0), new Throwable());
    }

    private static List<String> frames(StackTraceElement[] elements, int limit) {
        return Arrays.stream(elements).limit(limit)
                .map(e -> e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":"
                        + e.getLineNumber() + ")")
                .collect(Collectors.toList());
    }

    private static void assertSameFrames(NativeStacks stacks, Both both) {
        assertThat(both.raw).as("native capture").isNotNull();
        StackTraceElement[] java = both.java.getStackTrace();
        StackTraceElement[] decoded = stacks.decode(both.raw, both.raw.length);
        assertThat(frames(decoded, java.length)).isEqualTo(frames(java, java.length));
        if (java.length < THROWABLE_DEPTH) {
            assertThat(decoded).hasSameSizeAs(java);
        }
        assertThat(stacks.decode(both.raw, both.raw.length)).as("decoded again, from the cache").isEqualTo(decoded);
    }

    @Test
    void unavailableWithReason_whenLibraryMissing() {
        NativeStacks stacks = NativeStacks.load("/META-INF/native/none/libmissing.so");

        assertThat(stacks.available()).isFalse();
        assertThat(stacks.unavailableReason()).contains("captured in Java")
                .satisfiesAnyOf(r -> assertThat(r).contains("libmissing.so").contains("gcc"),
                    r -> assertThat(r).contains("linux-x86_64"),
                    r -> assertThat(r).contains("--enable-native-access"));
        assertThat(stacks.capture(new long[8], 0)).isEqualTo(NativeStacks.NOT_LOADED);
        assertThat(stacks.captureOrNull(8, 0)).isNull();
        assertThatThrownBy(() -> stacks.decode(new long[1], 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(stacks.unavailableReason());
    }

    private static String runChild(String... jvmOptions) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of(jvmOptions));
        arguments.addAll(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
                Path.of("target", "classes") + File.pathSeparator + Path.of("target", "test-classes"),
                NativeStacksMain.class.getName()));
        return ChildJvm.run(arguments, 60);
    }

    @Test
    void reasonNamesTheFlag_whenJniIsRestricted() throws Exception {
        loaded();
        assumeTrue(Runtime.version().feature() >= 24, "JNI is restricted from JDK 24 on");

        String refused = runChild();
        String granted = runChild("--enable-native-access=ALL-UNNAMED");

        assertThat(refused).contains("available=false")
                .contains("start the JVM with --enable-native-access=ALL-UNNAMED")
                .doesNotContain("WARNING");
        assertThat(granted).contains("available=true reason=null").doesNotContain("WARNING");
    }

    @Test
    void loadsOnTheClassPath_whenTheLibraryIsBuilt() throws Exception {
        loaded();
        String flag = Runtime.version().feature() >= 24 ? "--enable-native-access=ALL-UNNAMED" : "-Dunused";

        assertThat(runChild(flag)).contains("available=true reason=null");
    }

    @Test
    void loadAnswersTheSame_whenCalledTwice() {
        NativeStacks stacks = NativeStacks.load();

        assertThat(NativeStacks.load()).isSameAs(stacks);
        assertThat(stacks.available()).isEqualTo(stacks.unavailableReason() == null);
    }

    @Test
    void capturerFallsBack_whenTheVmDeclines() {
        for (int code = -1; code >= -10; code--) {
            int declined = code;
            NativeStacks stacks = new NativeStacks((into, skip) -> declined, null);

            assertThat(stacks.capture(new long[8], 0)).isEqualTo(declined);
            assertThat(stacks.captureOrNull(8, 0)).as("code %d", declined).isNull();
            assertThat(NativeStacks.describe(declined)).doesNotStartWith("unrecognised");
        }
        assertThat(NativeStacks.describe(-2)).isEqualTo("GC active");
    }

    @Test
    void framesEqualJavaCapture_forTheSameCallSite() {
        NativeStacks stacks = loaded();

        assertSameFrames(stacks, both(stacks));
    }

    @Test
    void framesEqualJavaCapture_whenCapturedInALambda() {
        NativeStacks stacks = loaded();
        Supplier<Both> inLambda = () -> both(stacks);

        assertSameFrames(stacks, inLambda.get());
    }

    @Test
    void framesEqualJavaCapture_whenCapturedOnAnExecutorThread() throws Exception {
        NativeStacks stacks = loaded();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            assertSameFrames(stacks, executor.submit(() -> both(stacks)).get());
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void framesEqualJavaCapture_whenCapturedOnAVirtualThread() throws Exception {
        NativeStacks stacks = loaded();
        Method ofVirtual;
        try {
            ofVirtual = Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            System.out.println("virtual thread test skipped: JDK " + Runtime.version().feature());
            assumeTrue(false, "no virtual threads before JDK 21");
            return;
        }
        Both[] captured = new Both[1];
        Runnable task = () -> captured[0] = both(stacks);
        Object builder = ofVirtual.invoke(null);
        Thread thread = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
        thread.join();

        assertSameFrames(stacks, captured[0]);
    }

    @Test
    void capturesEveryFrame_whenTheStackIs3000Deep() {
        NativeStacks stacks = loaded();
        Both deep = descend(3000, () -> both(stacks));

        // A Throwable keeps the innermost 1024 frames (MaxJavaStackTraceDepth); the native capture
        // keeps as many as asked for.
        assertThat(deep.raw.length).isGreaterThan(3000);
        assertThat(deep.java.getStackTrace()).hasSize(THROWABLE_DEPTH);
        assertSameFrames(stacks, deep);
    }

    private static Both descend(int frames, Supplier<Both> bottom) {
        return frames == 0 ? bottom.get() : descend(frames - 1, bottom);
    }

    @Test
    void captureRefusesClearly_whenArgumentsAreOutOfRange() {
        NativeStacks stacks = NativeStacks.load();

        assertThatThrownBy(() -> stacks.capture(new long[8], -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("skip");
        assertThatThrownBy(() -> stacks.captureOrNull(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxFrames");
    }

    @Test
    void hashesEqual_forTheSameStackOnly() {
        NativeStacks stacks = loaded();
        long[][] raws = new long[3][];
        for (int i = 0; i < 2; i++) {
            raws[i] = stacks.captureOrNull(64, 0);
        }
        raws[2] = stacks.captureOrNull(64, 0);

        assertThat(RawFrames.hash(raws[0], raws[0].length)).isEqualTo(RawFrames.hash(raws[1], raws[1].length));
        assertThat(RawFrames.hash(raws[0], raws[0].length)).isNotEqualTo(RawFrames.hash(raws[2], raws[2].length));
    }

    @Test
    void skipsFrames_whenAskedTo() {
        NativeStacks stacks = loaded();
        long[] all = stacks.captureOrNull(64, 0);
        long[] skipped = skipOne(stacks);

        StackTraceElement[] top = stacks.decode(skipped, skipped.length);
        assertThat(top[0].getMethodName()).isEqualTo("skipsFrames_whenAskedTo");
        assertThat(Arrays.copyOfRange(all, 1, all.length)).isEqualTo(Arrays.copyOfRange(skipped, 1, skipped.length));
    }

    private static long[] skipOne(NativeStacks stacks) {
        return stacks.captureOrNull(64, 1);
    }

    @Test
    void decodesUnloadedMarker_whenTheClassWasUnloaded() throws Exception {
        NativeStacks stacks = loaded();
        Throwaway loader = new Throwaway();
        long[] raw = captureThrough(loader, stacks);
        WeakReference<ClassLoader> gone = new WeakReference<>(loader);
        loader = null;

        assertThat(awaitCleared(gone)).as("the throwaway class loader was collected").isTrue();
        StackTraceElement[] decoded = stacks.decode(raw, raw.length);
        assertThat(decoded).extracting(StackTraceElement::getClassName)
                .contains(NativeStacks.UNLOADED_CLASS)
                .doesNotContain(UnloadVictim.class.getName());
        assertThat(decoded[decoded.length - 1].getMethodName()).isNotEqualTo(NativeStacks.UNKNOWN_METHOD);
    }

    @SuppressWarnings("unchecked")
    private static long[] captureThrough(Throwaway loader, NativeStacks stacks) throws Exception {
        Class<?> victim = loader.define(UnloadVictim.class.getName());
        assertThat(victim).isNotSameAs(UnloadVictim.class);
        Function<Supplier<long[]>, long[]> call =
                (Function<Supplier<long[]>, long[]>) victim.getConstructor().newInstance();
        long[] raw = call.apply(() -> stacks.captureOrNull(64, 0));
        assertThat(frames(stacks.decode(raw, raw.length), 8)).anyMatch(f -> f.startsWith(victim.getName()));
        return raw;
    }

    private static boolean awaitCleared(WeakReference<?> ref) throws InterruptedException {
        for (int i = 0; i < 100 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(50);
        }
        // One more collection so that the unloaded class's method ids are cleared too.
        System.gc();
        return ref.get() == null;
    }

    /** Defines one class from this test's class files, so that dropping it unloads the class. */
    private static final class Throwaway extends ClassLoader {
        Throwaway() {
            super(NativeStacksTest.class.getClassLoader());
        }

        Class<?> define(String name) throws IOException {
            String file = name.substring(name.lastIndexOf('.') + 1) + ".class";
            try (InputStream in = NativeStacksTest.class.getResourceAsStream(file)) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            }
        }
    }

    private static final class Both {
        final long[] raw;
        final Throwable java;

        Both(long[] raw, Throwable java) {
            this.raw = raw;
            this.java = java;
        }
    }
}
