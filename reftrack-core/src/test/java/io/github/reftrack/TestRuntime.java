package io.github.reftrack;

import io.github.reftrack.internal.capture.CaptureSource;
import io.github.reftrack.internal.capture.JavaCaptureSource;
import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A runtime of one test, in full mode, with the test hooks as injected collaborators: captures
 * that fail on demand, a depot that fails to store on demand, promotion that can be paused, and a
 * clock the test moves; sample mode records exactly every N-th reference of a thread (its random
 * gaps are tested on their own), so tests can count.
 */
final class TestRuntime {
    final AtomicInteger captureFailures = new AtomicInteger();
    final AtomicInteger depotFailures = new AtomicInteger();
    final AtomicBoolean promotionPaused = new AtomicBoolean();
    final AtomicLong clock = new AtomicLong(1_000_000_000L);
    final RefTrackingRuntime runtime;

    TestRuntime() {
        this(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL));
    }

    TestRuntime(RefTrackingSettings settings) {
        this(settings, JavaCaptureSource.INSTANCE);
    }

    TestRuntime(RefTrackingSettings settings, CaptureSource source) {
        this(settings, filter -> source);
    }

    /**
     * A test runtime whose captures come from the source made for its frame filter (the native
     * one, say) unless failed.
     */
    TestRuntime(RefTrackingSettings settings, Function<FrameFilter, CaptureSource> sourceFor) {
        runtime = RefTrackingRuntime.builder().settings(settings).hide(TestRuntime.class.getName())
                .ticker(clock::get).captureSource(filter -> failing(sourceFor.apply(filter)))
                .depotFails(() -> depotFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0)
                .promotionAllowed(() -> !promotionPaused.get()).sampleGaps(interval -> interval - 1).build();
    }

    private CaptureSource failing(CaptureSource source) {
        return new CaptureSource() {
            @Override
            public RawCapture capture() {
                return captureFailures.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0 ? null : source.capture();
            }

            @Override
            public StackTraceElement[] decode(RawCapture raw) {
                return source.decode(raw);
            }
        };
    }

    RefTrackerDir.Builder directory(String className) {
        return runtime.directory(className);
    }

    TrackingRefTrackerDir fullDir(String className, int quarantine) {
        return (TrackingRefTrackerDir) runtime.directory(className).quarantine(quarantine)
                .mode(RefTracking.Mode.FULL).build();
    }
}
