package io.github.reftrack;

import java.util.Objects;

/**
 * Process-wide switches and entry points: the tracking mode, event listeners and the registry of
 * live directories.
 *
 * <p>Everything here acts on the default {@link RefTrackingRuntime}, created the first time
 * reftrack is used (not when this class is loaded), from these system properties, read then:
 *
 * <table>
 *   <caption>System properties</caption>
 *   <tr><th>property</th><th>values</th><th>default</th></tr>
 *   <tr><td>{@value #MODE_PROPERTY}</td><td>{@code off | sample | full}</td><td>{@code off}</td></tr>
 *   <tr><td>{@value #SAMPLE_PROPERTY}</td><td>record one reference in N (N ≥ 1)</td><td>128</td></tr>
 *   <tr><td>{@value #DEPTH_PROPERTY}</td><td>frames kept per stack (1–256)</td><td>16</td></tr>
 *   <tr><td>{@value #LOST_PROPERTY}</td><td>{@code on | off}: report trackers the GC finds
 *       dropped while live</td><td>{@code off}</td></tr>
 *   <tr><td>{@value #ON_ERROR_PROPERTY}</td><td>{@code log | throw}: what a leak, double release
 *       or misuse does besides notifying listeners</td><td>{@code log}</td></tr>
 *   <tr><td>{@value #JSON_LOG_PROPERTY}</td><td>a file to append one JSON object per event to</td>
 *       <td>none</td></tr>
 *   <tr><td>{@value #JMX_PROPERTY}</td><td>{@code on | off}: register the MXBean
 *       {@code io.github.reftrack:type=RefTracking} when the first tracking directory is
 *       created</td><td>{@code on}</td></tr>
 *   <tr><td>{@value #CONTEXT_PROPERTY}</td><td>context sources, comma-separated, asked in
 *       order: {@code mdc:<key>}, {@code trace}, or a {@link ContextSource} provider's name
 *       (see {@link ContextSource})</td><td>none</td></tr>
 * </table>
 *
 * <p>A value that cannot be parsed is logged once (naming the property, the value and what was
 * expected) and the default is used: a typo in a flag never stops an application from starting.
 *
 * <p>All methods are thread-safe.
 */
public final class RefTracking {

    /** System property naming the tracking mode: {@code off}, {@code sample} or {@code full}. */
    public static final String MODE_PROPERTY = "reftrack.mode";
    /** System property: in {@code sample} mode, one reference in this many gets a stack. */
    public static final String SAMPLE_PROPERTY = "reftrack.sample";
    /** System property: how many frames a captured stack keeps, after the library's own frames. */
    public static final String DEPTH_PROPERTY = "reftrack.depth";
    /** System property: {@code on} reports trackers that became unreachable while still live. */
    public static final String LOST_PROPERTY = "reftrack.lost";
    /** System property: {@code throw} makes leaks, double releases and misuse throw. */
    public static final String ON_ERROR_PROPERTY = "reftrack.onError";
    /** System property: path of a file that receives one JSON line per event. */
    public static final String JSON_LOG_PROPERTY = "reftrack.jsonLog";
    /** System property: {@code off} keeps reftrack from registering its JMX MXBean. */
    public static final String JMX_PROPERTY = "reftrack.jmx";
    /**
     * System property: comma-separated class-name prefixes whose frames are hidden; {@code none}
     * turns hiding off (prefixes and compiler-generated bridge methods; see {@link FrameFilter}).
     */
    public static final String HIDE_PROPERTY = "reftrack.hide";
    /** System property: {@code on} reports directories still open at JVM shutdown. */
    public static final String REPORT_AT_EXIT_PROPERTY = "reftrack.reportAtExit";
    /** System property naming how stacks are captured: {@code java}, {@code native} or {@code auto}. */
    public static final String CAPTURE_PROPERTY = "reftrack.capture";
    /**
     * System property naming where each reference's context tag comes from (see
     * {@link ContextSource}): {@code mdc:<key>} (an SLF4J MDC key), {@code trace} (the current
     * OpenTelemetry trace id), or the {@link ContextSource#name()} of a {@link java.util.ServiceLoader}
     * provider; several, comma-separated, are asked in order. Unset: no tags, and no cost.
     */
    public static final String CONTEXT_PROPERTY = "reftrack.context";
    /** The JMX object name of reftrack's MXBean. */
    public static final String MBEAN_NAME = "io.github.reftrack:type=RefTracking";
    /** System property that reftrack sets to {@link #MBEAN_NAME} while its MXBean is registered. */
    public static final String MBEAN_PROPERTY = "reftrack.mbean";

    /** Guarded by {@code RefTracking.class}. */
    private static volatile RefTrackingRuntime defaultRuntime;

    /**
     * How much a directory records. The mode is fixed per directory when it is created.
     */
    public enum Mode {
        /**
         * Nothing is recorded. {@link RefTrackerDir#create} returns one shared no-op directory
         * whose {@code alloc} returns one shared no-op tracker: no capture, no allocation, no
         * locking. Costs nothing measurable next to a plain {@code AtomicInteger} ref count.
         */
        OFF,
        /**
         * One reference in N ({@value #SAMPLE_PROPERTY}, counted per thread) gets a tracker with
         * its stack, and so does the first reference of every directory; the others are only
         * counted, and still have to balance. Leaks are still detected (the count does not return
         * to zero) and usually named (a leaking site that runs often is sampled). Costs about 1/N
         * of {@link #FULL} plus two atomic updates, each thread after the first on a stripe of its own.
         */
        SAMPLE,
        /**
         * Every reference gets a tracker with the stack that took it, and every release records
         * the stack that released it. Costs two stack captures (about two {@code new Throwable()}
         * at the same depth) per acquire/release pair; a long-lived reference costs 48 bytes once
         * its stack has been interned.
         */
        FULL
    }

    /**
     * How stacks are captured ({@value #CAPTURE_PROPERTY}). Reports look the same whichever is
     * used: same frames, same fingerprints.
     */
    public enum Capture {
        /**
         * A {@code Throwable} per stack: the VM records a compact backtrace, decoded only when a
         * report or a long-lived reference needs it. Works on every JVM. The default, and the
         * fallback of the others: it needs no native code and no unsupported VM interface, so it
         * stays the default even where {@link #AUTO} is as cheap or cheaper.
         */
        JAVA,
        /**
         * HotSpot's {@code AsyncGetCallTrace}, called on the current thread through a small JNI
         * library shipped in the jar (linux-x86_64): a bounded number of raw frames (method id and
         * bytecode index), cheap at any depth, recognised as equal before they are decoded. An
         * unsupported HotSpot interface: if the library cannot load (another platform or VM, no
         * {@code --enable-native-access} on JDK 24+), the reason is logged once and
         * {@link #JAVA} is used; a single capture the VM declines, a stack with more than 128
         * hidden frames above its shown ones, and every capture on a virtual thread (whose
         * unmounted frames the native walk cannot see) fall back to {@link #JAVA}. A stack shows
         * the same frames and fingerprint either way.
         */
        NATIVE,
        /**
         * Chooses per call where the native library loads, {@link #JAVA} elsewhere, without a
         * warning. A {@code Throwable} costs a little per frame of the whole stack, the native
         * walk more per frame but only over a fixed window ({@code depth} plus a few frames), so
         * the {@code Throwable} is cheaper on shallow stacks and the native walk on deep ones. A
         * probe of a few nanoseconds (how many bytes deeper the stack is than at the shallowest
         * capture taken on the thread so far) picks the {@code Throwable} below 32 bytes per frame
         * of the window (704 bytes, ~25 compiled frames at the default depth) and the native walk
         * from there on; a thread's first capture is a {@code Throwable}. Bytes are a proxy for
         * frames, so near the crossing point either may be taken, where both cost about the
         * same. Everything said of
         * {@link #NATIVE} holds for the calls it takes natively; a call path shows the same
         * frames and fingerprint whichever way each of its stacks was taken.
         */
        AUTO
    }

    private RefTracking() {
    }

    /**
     * Returns the mode that directories created from now on will use: the value of
     * {@value #MODE_PROPERTY}, unless {@link #setMode} changed it.
     *
     * @return the current default mode, never {@code null}
     */
    public static Mode mode() {
        return runtime().mode();
    }

    /**
     * Changes the mode for directories created from now on; existing directories keep theirs.
     * Meant for tests and for applications that decide at start-up; production code usually sets
     * {@value #MODE_PROPERTY} instead.
     *
     * @param mode the new default mode
     * @return the previous default mode
     * @throws NullPointerException if {@code mode} is null
     */
    public static Mode setMode(Mode mode) {
        return runtime().setMode(Objects.requireNonNull(mode, "mode"));
    }

    /**
     * Returns the default runtime, creating it on first use from the system properties. Creating
     * it starts no thread and registers no MXBean: those wait for the first tracking directory.
     *
     * @return the runtime behind this facade
     */
    public static RefTrackingRuntime runtime() {
        RefTrackingRuntime runtime = defaultRuntime;
        if (runtime == null) {
            synchronized (RefTracking.class) {
                runtime = defaultRuntime;
                if (runtime == null) {
                    runtime = RefTrackingRuntime.fromSystemProperties();
                    defaultRuntime = runtime;
                }
            }
        }
        return runtime;
    }

    /**
     * Adds a listener for leaks, double releases, lost references, stuck teardowns and misuse.
     * Listeners are called on the thread that detected the event, after the directory's lock has
     * been released; a listener that throws is logged and does not affect the caller or the
     * other listeners.
     *
     * <pre>{@code
     * try (RefTracking.Registration r = RefTracking.addListener(new RefTrackerListener() {
     *     public void onLeak(LeakReport report) { leaks.add(report); }
     * })) {
     *     runWorkload();
     * }
     * }</pre>
     *
     * @param listener the listener to add
     * @return a registration whose {@code close()} removes the listener (idempotent)
     * @throws NullPointerException if {@code listener} is null
     */
    public static Registration addListener(RefTrackerListener listener) {
        return runtime().addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Returns the registry of live directories (the Java counterpart of the kernel's debugfs
     * files).
     *
     * @return the default runtime's registry
     */
    public static RefTrackerRegistry registry() {
        return runtime().registry();
    }

    /**
     * Treats the given classes like the library's own: their frames are left out of stacks, so a
     * report starts at the caller of a subsystem's tracking wrapper (as the
     * kernel's inline wrappers are invisible in its stacks). Affects stacks decoded from now on.
     *
     * @param wrappers classes whose methods only forward to {@code alloc}/{@code free}
     * @throws NullPointerException if {@code wrappers} or one of its elements is null
     */
    public static void hideWrapperFrames(Class<?>... wrappers) {
        runtime().hideWrapperFrames(wrappers);
    }

    /**
     * A listener registration; closing it removes the listener. Closing twice does nothing.
     */
    public interface Registration extends AutoCloseable {
        /** Removes the listener. Never throws. */
        @Override
        void close();
    }
}
