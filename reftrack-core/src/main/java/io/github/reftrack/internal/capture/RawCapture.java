package io.github.reftrack.internal.capture;

/**
 * A stack as a {@link CaptureSource} captured it, not yet decoded into frames. Two shapes exist:
 * a {@link Throwable} whose backtrace the VM filled in ({@link Capture}), and an array of raw
 * frame words with a cheap hash ({@link RawFrames}), which a native source produces and the
 * depot can recognise as equal to an earlier stack before decoding it. The engine stores and
 * passes either without looking inside; only the source that made it decodes it.
 * Not API: this package is not exported.
 */
public non-sealed interface RawCapture extends StackRef {
}
