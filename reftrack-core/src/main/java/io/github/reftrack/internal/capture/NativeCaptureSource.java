package io.github.reftrack.internal.capture;

import java.util.Objects;

/**
 * Captures stacks through {@link NativeStacks} ({@code AsyncGetCallTrace}) as {@link RawFrames},
 * which the depot recognises as equal before decoding; a capture the VM declines falls back to
 * the Java capture for that call, so no reference loses its stack to the backend.
 *
 * <p><b>How many frames.</b> A native capture is bounded, unlike a {@code Throwable}, and costs
 * about 80 ns per frame it walks (measured on JDK 17 and 25 on this project's machines), so it
 * walks only {@code depth + }{@value #SPARE_FRAMES}: the shown depth plus room for reftrack's own
 * frames (four or five on the alloc and free paths) and a hidden library frame above the caller. A stack whose hidden
 * frames outnumber the spare ones shows fewer than {@code depth} frames; the first shown frame,
 * the caller's, is always there. Raise {@code -Dreftrack.depth} if the deeper frames matter.
 *
 * <p>Not API: this package is not exported. Thread-safe: the capture writes into a fresh array
 * and the backend is stateless for the caller.
 */
public final class NativeCaptureSource implements CaptureSource {
    /** Frames kept beyond the shown depth, for reftrack's own and hidden frames. */
    static final int SPARE_FRAMES = 6;

    private final NativeStacks stacks;
    private final int maxFrames;

    /**
     * Creates a source that captures through a loaded library.
     *
     * @param stacks the loaded native backend; must be {@linkplain NativeStacks#available() available}
     * @param depth  how many shown frames a stack keeps
     * @throws IllegalArgumentException if the backend is not available or {@code depth} is below 1
     */
    public NativeCaptureSource(NativeStacks stacks, int depth) {
        this.stacks = Objects.requireNonNull(stacks, "stacks");
        if (!stacks.available()) {
            throw new IllegalArgumentException("the native stack capture is not available: "
                    + stacks.unavailableReason());
        }
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be 1 or more, was " + depth);
        }
        this.maxFrames = depth + SPARE_FRAMES;
    }

    @Override
    public RawCapture capture() {
        long[] raw;
        try {
            raw = stacks.captureOrNull(maxFrames, 0);
        } catch (OutOfMemoryError e) {
            return null;
        }
        return raw == null ? Capture.take() : new RawFrames(raw);
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
