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
 * <p>Not API: this package is not exported. Thread-safe: each capture writes into a fresh array;
 * the window only grows, and a racing capture at worst uses the narrower one once more.
 */
public final class NativeCaptureSource implements CaptureSource {
    /** Frames walked beyond the shown depth at first, for reftrack's own and hidden frames. */
    static final int SPARE_FRAMES = 6;
    /** The most frames walked beyond the shown depth. */
    static final int MAX_HIDDEN_FRAMES = 128;
    private static final String INTERNAL_PACKAGES = "io.github.reftrack.internal.";

    private final NativeStacks stacks;
    private final int depth;
    private final ShownFrames shown;
    private final AtomicInteger window;

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
        if (VirtualThreads.current()) {
            return Capture.take();
        }
        try {
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
        return "native";
    }
}
