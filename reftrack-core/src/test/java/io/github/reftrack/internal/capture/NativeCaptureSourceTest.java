package io.github.reftrack.internal.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.FrameFilter;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How many frames the native source walks: enough for the depth in shown frames, and bounded. */
class NativeCaptureSourceTest {
    private static final int DEPTH = 3;

    private static NativeCaptureSource source() {
        NativeStacks stacks = NativeStacks.load();
        assumeTrue(stacks.available(), () -> "native capture unavailable: " + stacks.unavailableReason());
        FrameFilter filter = FrameFilter.of(List.of(Hidden.class.getName()));
        filter.hideClass(NativeCaptureSource.class.getName());
        return new NativeCaptureSource(stacks, DEPTH, filter);
    }

    @Test
    void windowGrowsPastHiddenFrames_andKeepsFramesUpToTheLastShownOne() {
        NativeCaptureSource source = source();
        assertThat(source.window()).isEqualTo(DEPTH + NativeCaptureSource.SPARE_FRAMES);

        RawCapture raw = Hidden.below(40, source::capture);

        assertThat(raw).isInstanceOf(RawFrames.class);
        StackTraceElement[] frames = source.decode(raw);
        // The source's own two frames, the hidden ones, then the shown ones: the raw frames end there.
        assertThat(frames).hasSize(2 + 40 + DEPTH);
        assertThat(frames[frames.length - DEPTH].getMethodName())
                .isEqualTo("windowGrowsPastHiddenFrames_andKeepsFramesUpToTheLastShownOne");
        assertThat(source.window()).isGreaterThan(DEPTH + 40).isLessThanOrEqualTo(DEPTH
                + NativeCaptureSource.MAX_HIDDEN_FRAMES);
    }

    @Test
    void capturesInJava_whenHiddenFramesExceedTheBound() {
        NativeCaptureSource source = source();

        RawCapture raw = Hidden.below(NativeCaptureSource.MAX_HIDDEN_FRAMES + 10, source::capture);

        assertThat(raw).isInstanceOf(Capture.class);
        assertThat(source.window()).isEqualTo(DEPTH + NativeCaptureSource.MAX_HIDDEN_FRAMES);
    }

    @Test
    void aPlatformThreadIsNotVirtual() {
        assertThat(VirtualThreads.current()).isFalse();
    }

    /** Frames the filter hides, nested as deep as asked. */
    private static final class Hidden {
        static RawCapture below(int frames, Supplier<RawCapture> capture) {
            return frames <= 1 ? capture.get() : below(frames - 1, capture);
        }
    }
}
