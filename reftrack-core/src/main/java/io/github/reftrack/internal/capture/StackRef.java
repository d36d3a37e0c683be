package io.github.reftrack.internal.capture;

/**
 * What a tracker holds for one of its stacks: either the raw capture taken on the hot path
 * ({@link RawCapture}), or the decoded, interned {@link Stack} it was later replaced by. Typed
 * so the engine never casts an {@code Object}. Not API: this package is not exported.
 */
public sealed interface StackRef permits RawCapture, Stack {
}
