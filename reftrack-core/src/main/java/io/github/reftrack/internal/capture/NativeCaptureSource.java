package io.github.reftrack.internal.capture;

import io.github.reftrack.FrameFilter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Captures stacks through {@link NativeStacks} ({@code AsyncGetCallTrace}) as {@link RawFrames},
 * which the depot recognises as equal before decoding. Whatever the backend, a call path gets the
 * same frames and fingerprint as with the Java capture: where the native walk could differ, this
 * source takes the Java capture for that call instead.
 *
 * <p><b>How many frames.</b> A native capture is bounded, unlike a {@code Throwable}, and costs
 * tens of nanoseconds per frame it walks, so it walks a window: {@code depth +}
 * {@value #SPARE_FRAMES} frames at first. The depth counts shown frames only, so when the window
 * holds fewer than {@code depth} shown frames and the stack goes on (reftrack's own frames, an
 * agent's and a library's hidden frames above the caller), the capture is taken again with a
 * window twice as wide in spare frames, and that window is kept for the captures that follow. The
 * spare frames are bounded by {@value #MAX_HIDDEN_FRAMES}: a stack with more hidden frames than
 * that above its {@code depth}-th shown frame is captured in Java. The kept raw frames end at the
 * {@code depth}-th shown frame, so a call path has one raw key whatever the window was.
 *
 * <p><b>Where it falls back to Java.</b> A capture the VM declines (during a GC, say); a stack
 * with too many hidden frames (above); and every capture on a virtual thread: once a virtual
 * thread has been unmounted (it slept, blocked or yielded), only the frames that ran since it was
 * mounted again are on its carrier's stack, and {@code AsyncGetCallTrace} skips the others
 * (measured on JDK 25: 5 frames of 26, with nothing to tell the walk was cut short).
 *
 * <p><b>Automatic choice</b> ({@link #automatic}, {@code -Dreftrack.capture=auto}). A
 * {@code Throwable} records every frame of the stack (~20–40 ns each here, on top of a fixed few
 * hundred); the native walk costs its window at ~35–45 ns a frame, whatever lies below. So on a
 * stack shallower than about one and a half windows the {@code Throwable} is cheaper, and on a
 * deeper one the native walk is, by more the deeper it goes. An automatic source decides per call:
 * {@link NativeStacks#depthBytes()} (one JNI call, ~10–20 ns, no walk) says how many bytes deeper
 * the stack is than at the shallowest capture taken on the thread so far, and the native walk is
 * taken from {@value #BYTES_PER_WINDOW_FRAME} bytes per frame of the current window on (704 bytes
 * at the default depth of 16, ~25 compiled frames), the {@code Throwable} below. Measuring from
 * the thread's first captures rather than from its start leaves out its outer frames (the
 * launcher's native ones, a run loop's, often interpreted at 100–300 bytes each), which would
 * make a shallow stack look deep; it errs the other way, keeping the {@code Throwable} where the
 * native walk might have been a little cheaper, and a thread's first capture is a
 * {@code Throwable}. Bytes are a proxy for frames (a compiled frame takes ~24–40 bytes, an
 * interpreted one several times that, an inlined call none): near the crossing point either may
 * be taken, where both cost about the same. The bound was calibrated with the benchmarks'
 * {@code CaptureCalibration} on JDK 17 and 25; it grows with the window. The choice is made here,
 * not in a wrapper, so that the native walk has no frame more to walk than {@code native}'s.
 *
 * <p>Not API: this package is not exported. Thread-safe: each capture writes into a fresh array;
 * the window only grows, and a racing capture at worst uses the narrower one once more.
 */
public final class NativeCaptureSource implements CaptureSource {
    /** Frames walked beyond the shown depth at first, for reftrack's own and hidden frames. */
    static final int SPARE_FRAMES = 6;
    /** The most frames walked beyond the shown depth. */
    static final int MAX_HIDDEN_FRAMES = 128;
    /** Stack bytes an automatic source asks per frame of the window before it walks natively. */
    public static final int BYTES_PER_WINDOW_FRAME = 32;
    private static final String INTERNAL_PACKAGES = "io.github.reftrack.internal.";
    private static final int ALWAYS_NATIVE = -1;

    private final NativeStacks stacks;
    private final int depth;
    private final ShownFrames shown;
    private final AtomicInteger window;
    private final int bytesPerWindowFrame;

    /**
     * Creates a source that captures through a loaded library, counting as shown every frame that
     * a {@code Throwable} keeps except reftrack's internal ones: for a source used outside a
     * runtime, whose {@link FrameFilter} it does not know.
     *
     * @param stacks the loaded native backend; must be {@linkplain NativeStacks#available() available}
     * @param depth  how many frames a stack keeps
     * @throws IllegalArgumentException if the backend is not available or {@code depth} is below 1
     */
    public NativeCaptureSource(NativeStacks stacks, int depth) {
        this(stacks, depth, FrameFilter.of(List.of(INTERNAL_PACKAGES)));
    }

    /**
     * Creates a source that captures through a loaded library.
     *
     * @param stacks the loaded native backend; must be {@linkplain NativeStacks#available() available}
     * @param depth  how many shown frames a stack keeps
     * @param filter the frames the depot hides, which do not count towards {@code depth}
     * @throws IllegalArgumentException if the backend is not available or {@code depth} is below 1
     */
    public NativeCaptureSource(NativeStacks stacks, int depth, FrameFilter filter) {
        this(stacks, depth, filter, ALWAYS_NATIVE);
    }

    /**
     * Creates a source that chooses per call, with the calibrated bound: a {@code Throwable} on
     * shallow stacks, the native walk on deep ones.
     *
     * @param stacks the loaded native backend; must be {@linkplain NativeStacks#available() available}
     * @param depth  how many shown frames a stack keeps
     * @param filter the frames the depot hides, which do not count towards {@code depth}
     * @return the source
     * @throws IllegalArgumentException if the backend is not available or {@code depth} is below 1
     */
    public static NativeCaptureSource automatic(NativeStacks stacks, int depth, FrameFilter filter) {
        return automatic(stacks, depth, filter, BYTES_PER_WINDOW_FRAME);
    }

    /**
     * Creates a source that chooses per call with a bound of its own: 0 walks natively wherever
     * the probe answers, {@link Integer#MAX_VALUE} never does.
     *
     * @param stacks              the loaded native backend; must be available
     * @param depth               how many shown frames a stack keeps
     * @param filter              the frames the depot hides
     * @param bytesPerWindowFrame stack bytes asked per frame of the window, 0 or more
     * @return the source
     * @throws IllegalArgumentException if the backend is not available, {@code depth} is below 1
     *     or the bound is negative
     */
    public static NativeCaptureSource automatic(NativeStacks stacks, int depth, FrameFilter filter,
            int bytesPerWindowFrame) {
        if (bytesPerWindowFrame < 0) {
            throw new IllegalArgumentException("bytesPerWindowFrame must be 0 or more, was " + bytesPerWindowFrame);
        }
        return new NativeCaptureSource(stacks, depth, filter, bytesPerWindowFrame);
    }

    private NativeCaptureSource(NativeStacks stacks, int depth, FrameFilter filter, int bytesPerWindowFrame) {
        this.bytesPerWindowFrame = bytesPerWindowFrame;
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        if (!stacks.available()) {
            throw new IllegalArgumentException("the native stack capture is not available: "
                    + stacks.unavailableReason());
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be 1 or more, was " + depth);
        }
        this.depth = depth;
        this.shown = new ShownFrames(stacks, Objects.requireNonNull(filter, "filter"));
        this.window = new AtomicInteger(depth + SPARE_FRAMES);
    }

    @Override
    public RawCapture capture() {
        try {
            if (VirtualThreads.current()
                    || bytesPerWindowFrame != ALWAYS_NATIVE && !deepEnough(stacks.depthBytes())) {
                return Capture.take();
            }
            return captureWindow(window.get());
        } catch (StackOverflowError | OutOfMemoryError e) {
            return null;
        } catch (RuntimeException e) {
            // Describing a method for the first time calls JVMTI; whatever fails there, the
            // reference keeps a stack.
            return Capture.take();
        }
    }

    private RawCapture captureWindow(int first) {
        int size = first;
        while (true) {
            long[] raw = stacks.captureOrNull(size, 0);
            if (raw == null) {
                return Capture.take();
            }
            int end = shown.end(raw, depth);
            if (end == ShownFrames.TOO_FEW && raw.length < size) {
                // The whole stack, and it has fewer shown frames than the depth.
                end = raw.length;
            }
            if (end != ShownFrames.TOO_FEW) {
                return new RawFrames(end == raw.length ? raw : Arrays.copyOf(raw, end));
            }
            int wider = Math.min(depth + MAX_HIDDEN_FRAMES, depth + 2 * (size - depth));
            if (wider == size) {
                return Capture.take();
            }
            window.accumulateAndGet(wider, Math::max);
            size = wider;
        }
    }

    /**
     * Returns whether this source chooses per call between the {@code Throwable} and the native walk.
     *
     * @return true for a source made by {@link #automatic}
     */
    public boolean automatic() {
        return bytesPerWindowFrame != ALWAYS_NATIVE;
    }

    /** Whether an automatic source walks natively at this probe answer (-1: unknown). */
    boolean deepEnough(int stackBytes) {
        return stackBytes >= 0 && (long) stackBytes >= (long) bytesPerWindowFrame * window.get();
    }

    /**
     * Returns how many frames a capture walks now.
     *
     * @return the current window, from {@code depth + }{@value #SPARE_FRAMES} up
     */
    int window() {
        return window.get();
    }

    @Override
    public StackTraceElement[] decode(RawCapture raw) {
        if (raw instanceof RawFrames) {
            long[] words = ((RawFrames) raw).words();
            return stacks.decode(words, words.length);
        }
        return JavaCaptureSource.INSTANCE.decode(raw);
    }

    @Override
    public String toString() {
        return automatic() ? "auto" : "native";
    }
}
