package io.github.reftrack.internal.capture;

/**
 * Where stacks come from: the engine calls {@link #capture()} on every tracked alloc and free,
 * and the depot calls {@link #decode} later, at most once per distinct stack it keeps. The
 * default is {@link JavaCaptureSource} ({@code new Throwable()}); a native source returns
 * {@link RawFrames}. Not API: this package is not exported.
 *
 * <p>Implementations are thread-safe and never throw from {@link #capture()}.
 */
public interface CaptureSource {

    /**
     * Captures the calling thread's stack, as cheaply as the source can.
     *
     * @return the raw capture, or {@code null} if it could not be taken (no memory, no stack
     *         left): the engine then counts the reference without a stack
     */
    RawCapture capture();

    /**
     * Decodes a capture this source returned into frames, innermost first, including the
     * library's own frames (the depot hides those).
     *
     * @param raw a capture from {@link #capture()}
     * @return the frames; an empty array if they cannot be decoded
     */
    StackTraceElement[] decode(RawCapture raw);
}
