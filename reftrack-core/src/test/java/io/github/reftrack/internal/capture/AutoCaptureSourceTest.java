package io.github.reftrack.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.FrameFilter;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The automatic capture's choice: the probe, the bound, and the same frames either way. */
class AutoCaptureSourceTest {
    private static final int DEPTH = 3;

    private static NativeStacks stacks() {
        NativeStacks stacks = NativeStacks.load();
        assumeTrue(stacks.available(), () -> "native capture unavailable: " + stacks.unavailableReason());
        return stacks;
    }

    private static NativeCaptureSource source(int bytesPerWindowFrame) {
        FrameFilter filter = FrameFilter.of(List.of());
        filter.hideClass(NativeCaptureSource.class.getName());
        return NativeCaptureSource.automatic(stacks(), DEPTH, filter, bytesPerWindowFrame);
    }

    @Test
    void takesTheNativeWalk_fromABoundOfZero() {
        assertThat(source(0).capture()).isInstanceOf(RawFrames.class);
    }

    @Test
    void takesAThrowable_belowTheBound() {
        assertThat(source(Integer.MAX_VALUE).capture()).isInstanceOf(Capture.class);
    }

    @Test
    void anUnknownDepthTakesAThrowable() {
        assertThat(source(0).deepEnough(-1)).isFalse();
        assertThat(source(0).deepEnough(0)).isTrue();
        assertThat(source(0).automatic()).isTrue();
        assertThat(source(0)).hasToString("auto");
    }

    @Test
    void bothChoicesDecodeToTheSameShownFrames() {
        NativeCaptureSource deep = source(0);
        NativeCaptureSource shallow = source(Integer.MAX_VALUE);
        RawCapture[] captures = new RawCapture[2];
        for (int i = 0; i < 2; i++) {
            captures[i] = (i == 0 ? deep : shallow).capture();
        }

        assertThat(shown(deep, captures[0])).isEqualTo(shown(shallow, captures[1]));
    }

    @Test
    void theProbeGrowsWithTheStack() {
        NativeStacks stacks = stacks();
        int here = stacks.depthBytes();
        int below = Nested.below(50, stacks::depthBytes);

        assertThat(here).isNotNegative();
        assertThat(below).isGreaterThan(here);
    }

    @Test
    void aNegativeBoundIsRefused() {
        NativeStacks stacks = stacks();
        FrameFilter filter = FrameFilter.of(List.of());

        assertThatThrownBy(() -> NativeCaptureSource.automatic(stacks, DEPTH, filter, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytesPerWindowFrame");
    }

    @Test
    void withoutTheLibraryTheProbeIsUnknown() {
        assertThat(new NativeStacks((into, skip) -> -1, "not loaded").depthBytes()).isEqualTo(-1);
    }

    /**
     * The frames a report would show, as the depot reduces them (class, method, file, line): the
     * test's own, from this class down, at most DEPTH of them.
     */
    private static List<String> shown(CaptureSource source, RawCapture raw) {
        StackTraceElement[] frames = source.decode(raw);
        int first = 0;
        while (first < frames.length && !frames[first].getClassName().equals(AutoCaptureSourceTest.class.getName())) {
            first++;
        }
        return Arrays.stream(frames, first, Math.min(frames.length, first + DEPTH))
                .map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                        + f.getLineNumber() + ")")
                .collect(Collectors.toList());
    }

    /** Frames nested as deep as asked. */
    private static final class Nested {
        private Nested() {
        }

        static int below(int frames, IntSupplier probe) {
            return frames <= 1 ? probe.getAsInt() : below(frames - 1, probe);
        }
    }
}
