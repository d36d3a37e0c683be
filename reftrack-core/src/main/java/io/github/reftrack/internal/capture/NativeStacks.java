package io.github.reftrack.internal.capture;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Optional native stack capture: HotSpot's {@code AsyncGetCallTrace}, called on the current
 * thread through a small JNI library, keeps a stack as raw frames (method id and bytecode index,
 * one {@code long} each) that can be hashed without decoding; JVMTI decodes them later into the
 * class, method, source file and line that {@code new Throwable().getStackTrace()} gives for the
 * same call site.
 *
 * <p><b>What it rests on.</b> {@code AsyncGetCallTrace} is an unsupported HotSpot interface meant
 * for profilers; it may change or vanish in any JDK release. The library is built only for
 * linux-x86_64 where {@code gcc} was present at build time, is extracted from the jar to a
 * temporary file and loaded with {@link System#load} on the first {@link #load()}. When it
 * loads it gets a JVMTI environment, enables the ClassLoad and ClassPrepare events and creates
 * method ids for every class, which costs a little on every class load from then on.
 *
 * <p><b>Where it is safe.</b> Capture reads only the calling thread's own stack, from a native
 * method, where HotSpot walks from the thread's last Java frame. Method ids of a class that is
 * unloaded later stay checkable: {@link #decode} asks JVMTI first and renders such a frame as
 * {@value #UNLOADED_CLASS}{@code .}{@value #UNKNOWN_METHOD} instead of touching freed metadata. After
 * a class is redefined, an old frame may decode to the new version of its method.
 *
 * <p><b>Failures.</b> Nothing here throws for an environment that cannot run it: {@link #load()}
 * returns an instance that is not {@link #available()} and says why in
 * {@link #unavailableReason()} (no library for this platform, not HotSpot, JNI restricted on
 * JDK 24+ without {@code --enable-native-access}, loading refused). A capture the VM declines
 * (during a GC, a deoptimisation, ...) returns a negative code; the caller then takes the Java
 * capture for that call.
 *
 * <p><b>Frames.</b> Decoded frames equal the Java path's in class, method, file and line: frames
 * of hidden classes and of {@code @Hidden} JDK methods are dropped and a virtual thread's stack
 * ends at its continuation, as in a {@code Throwable}. On a virtual thread that was unmounted
 * and mounted again, the walk skips the frames not yet back on the carrier's stack (those below
 * the one that parked) and cannot tell: {@link NativeCaptureSource} captures virtual threads in
 * Java. A decoded element carries the module name but not the class loader name or module
 * version. A {@code Throwable} keeps at most 1024 frames by default; a native capture keeps as
 * many as its array holds.
 *
 * <p><b>Enabling.</b> The engine picks the backend from {@code -Dreftrack.capture=native|java|auto}
 * and logs {@link #unavailableReason()} once when native was asked for and cannot run. On JDK 24
 * and later the JVM must be started with {@code --enable-native-access=ALL-UNNAMED} (class path)
 * or {@code --enable-native-access=io.github.reftrack} (module path).
 *
 * <p>Thread-safe. The only state after loading is a cache of method descriptions, each holding
 * its class weakly, cleared whole when it reaches {@value #MAX_CACHED_METHODS} methods.
 */
public final class NativeStacks {
    /** Declaring class shown for a frame whose class was unloaded before it was decoded. */
    public static final String UNLOADED_CLASS = "<unloaded>";

    /** Method name shown for a frame whose class was unloaded before it was decoded. */
    public static final String UNKNOWN_METHOD = "<unknown>";

    /** Where the build places the library in the jar. */
    static final String LIBRARY = "/META-INF/native/linux-x86_64/libreftrack.so";

    private static final long ID_MASK = 0xFFFF_FFFF_FFFFL;
    private static final int MAX_CACHED_METHODS = 16_384;

    /** Returned by {@link #capture} when the library is not loaded. */
    public static final int NOT_LOADED = -30;

    private static final String[] CODES = {
        "no Java frame", "no class load event enabled", "GC active", "unknown frame, not Java",
        "not walkable, not Java", "unknown frame, Java", "not walkable, Java", "unknown thread state",
        "thread exiting", "deoptimisation in progress", "at a safepoint",
    };

    /** Takes a raw capture; {@code skip} counts the Java frames above the caller to drop. */
    interface Backend {
        int capture(long[] into, int skip);
    }

    private enum Agct implements Backend {
        INSTANCE;

        @Override
        public int capture(long[] into, int skip) {
            // This frame and the NativeStacks method that called it.
            return capture0(into, skip + 2);
        }
    }

    private static final class Loaded {
        static final NativeStacks INSTANCE = load(LIBRARY);
    }

    private final Backend backend;
    private final String reason;
    private final Map<Long, NativeMethod> methods = new ConcurrentHashMap<>();

    NativeStacks(Backend backend, String reason) {
        this.backend = backend;
        this.reason = reason;
    }

    /**
     * Loads the library on the first call and returns the same answer on every call.
     *
     * @return the native capture, possibly not {@link #available()}; never null
     */
    public static NativeStacks load() {
        return Loaded.INSTANCE;
    }

    static NativeStacks load(String resource) {
        String reason;
        try {
            reason = tryLoad(resource);
        } catch (IOException | RuntimeException | LinkageError e) {
            reason = "loading " + resource + " failed: " + e;
        }
        return reason == null ? new NativeStacks(Agct.INSTANCE, null)
                : new NativeStacks(null, reason + "; stacks are captured in Java");
    }

    private static String tryLoad(String resource) throws IOException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "native capture is built only for linux-x86_64, not " + os + "/" + arch;
        }
        String restricted = nativeAccessRefused();
        if (restricted != null) {
            return restricted;
        }
        Path file;
        try (InputStream in = NativeStacks.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "no native library " + resource + " in reftrack-core (it is built only"
                        + " where gcc and the JDK headers were present at build time)";
            }
            file = Files.createTempFile("reftrack-native", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        try {
            System.load(file.toAbsolutePath().toString());
        } finally {
            // The mapping outlives the name, so the temporary file never lingers.
            Files.deleteIfExists(file);
        }
        String failure = failure0();
        return failure == null ? null : "native capture cannot run: " + failure;
    }

    /** JDK 24+ restricts JNI; loading without the grant would only warn today and fail later. */
    private static String nativeAccessRefused() {
        if (Runtime.version().feature() < 24) {
            return null;
        }
        Module module = NativeStacks.class.getModule();
        try {
            Method enabled = Module.class.getMethod("isNativeAccessEnabled");
            if (Boolean.TRUE.equals(enabled.invoke(module))) {
                return null;
            }
        } catch (ReflectiveOperationException e) {
            return "cannot tell whether JNI is allowed: " + e;
        }
        String grant = module.isNamed() ? module.getName() : "ALL-UNNAMED";
        return "JNI is restricted on JDK " + Runtime.version().feature()
                + "; start the JVM with --enable-native-access=" + grant;
    }

    /**
     * Whether native capture works in this JVM.
     *
     * @return true when the library is loaded and found what it needs
     */
    public boolean available() {
        return reason == null;
    }

    /**
     * Why native capture is not available, written to be logged once with what to do.
     *
     * @return the reason, or null when {@link #available()}
     */
    public String unavailableReason() {
        return reason;
    }

    /**
     * Captures the caller's stack as raw frames, innermost first. Costs one JNI call and a walk
     * of {@code into.length + skip} frames; allocates nothing below 512 frames.
     *
     * @param into receives up to {@code into.length} raw frames
     * @param skip how many frames above the caller of this method to leave out, 0 or more
     * @return the number of frames written, or a negative code (see {@link #describe(int)}):
     *     the caller should then capture in Java
     * @throws IllegalArgumentException if {@code skip} is negative
     */
    public int capture(long[] into, int skip) {
        if (skip < 0) {
            throw new IllegalArgumentException("skip must be 0 or more, not " + skip);
        }
        return backend == null ? NOT_LOADED : backend.capture(into, skip);
    }

    /**
     * Returns how many bytes deeper the calling thread's stack is than at the shallowest call of
     * this method on the same thread (0 on its first call there). A probe for choosing a capture,
     * not a frame count: a compiled frame takes from ~24 bytes, an interpreted one ~100, an
     * inlined call none. Costs one JNI call (~10 ns); walks nothing.
     *
     * @return the bytes, 0 or more; -1 when the library is not loaded
     */
    public int depthBytes() {
        return backend == Agct.INSTANCE ? depthBytes0() : -1;
    }

    /**
     * Captures up to {@code maxFrames} raw frames of the caller's stack, or answers null when
     * the VM declined this capture and the caller should take the Java capture instead.
     *
     * @param maxFrames the most frames to keep, 1 or more
     * @param skip how many frames above the caller of this method to leave out, 0 or more
     * @return the raw frames, exactly as many as were captured, or null to fall back
     * @throws IllegalArgumentException if {@code maxFrames} is below 1 or {@code skip} negative
     */
    public long[] captureOrNull(int maxFrames, int skip) {
        if (maxFrames < 1 || skip < 0) {
            throw new IllegalArgumentException("maxFrames must be 1 or more and skip 0 or more, not "
                    + maxFrames + " and " + skip);
        }
        if (backend == null) {
            return null;
        }
        long[] raw = new long[maxFrames];
        int n = backend.capture(raw, skip);
        if (n < 0) {
            return null;
        }
        return n == maxFrames ? raw : Arrays.copyOf(raw, n);
    }

    /**
     * Names a negative result of {@link #capture}.
     *
     * @param code a negative capture result
     * @return a short description
     */
    public static String describe(int code) {
        if (code <= 0 && -code < CODES.length) {
            return CODES[-code];
        }
        switch (code) {
            case -20: return "no Java frame";
            case -21: return "unexpected frame at the top of the native walk";
            case -22: return "method id wider than 48 bits";
            case -23: return "a frame without a method id";
            case -24: return "out of native memory";
            case NOT_LOADED: return "native library not loaded";
            default: return "unrecognised code " + code;
        }
    }

    /**
     * Decodes raw frames into stack trace elements, dropping hidden frames as {@code Throwable}
     * does. A frame whose class has been unloaded decodes as {@value #UNLOADED_CLASS}. A method
     * seen before costs a map look-up (its description is cached while its class is alive);
     * a new one costs four JVMTI calls. Decode each distinct stack once all the same.
     *
     * @param raw raw frames from {@link #capture} in this JVM, and nothing else: an arbitrary
     *     value is read as a method id by the VM and can crash it
     * @param n how many of them
     * @return the frames, innermost first
     * @throws IllegalStateException if native capture is not {@link #available()}
     */
    public StackTraceElement[] decode(long[] raw, int n) {
        if (backend != Agct.INSTANCE) {
            throw new IllegalStateException("decode needs the native library: " + reason);
        }
        StackTraceElement[] frames = new StackTraceElement[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            NativeMethod method = method(raw[i]);
            if (method == null) {
                frames[kept++] = new StackTraceElement(UNLOADED_CLASS, UNKNOWN_METHOD, null, -1);
            } else if (method.continuationEntry()) {
                // A virtual thread's stack ends here, as its Throwable's does; the carrier's follows.
                break;
            } else if (!method.hidden()) {
                frames[kept++] = method.frame((int) (raw[i] >>> 48));
            }
        }
        return kept == n ? frames : Arrays.copyOf(frames, kept);
    }

    /** The method of a raw frame, or null when its class was unloaded. */
    NativeMethod method(long raw) {
        long id = raw & ID_MASK;
        NativeMethod method = methods.get(id);
        if (method == null || !method.alive()) {
            method = NativeMethod.describe(raw);
            if (method == null) {
                methods.remove(id);
                return null;
            }
            if (methods.size() >= MAX_CACHED_METHODS) {
                // Entries of collected classes are dropped this way; live ones come back on use.
                methods.clear();
            }
            methods.put(id, method);
        }
        return method;
    }

    private static native String failure0();

    private static native int capture0(long[] into, int skip);

    private static native int depthBytes0();

    /** Describes the method of a raw frame into {@code parts}; see {@link NativeMethod#describe}. */
    static native Class<?> method0(long raw, Object[] parts);
}
