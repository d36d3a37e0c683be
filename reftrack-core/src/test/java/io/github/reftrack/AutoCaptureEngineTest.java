package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.internal.capture.Capture;
import io.github.reftrack.internal.capture.CaptureSource;
import io.github.reftrack.internal.capture.NativeCaptureSource;
import io.github.reftrack.internal.capture.NativeStacks;
import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.capture.RawFrames;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The engine on the automatic capture, which takes a {@code Throwable} on shallow stacks and the
 * native walk on deep ones: the contract suite runs again on it, and one call path captured both
 * ways makes one group with the Java path's frames and fingerprint. Skipped, saying why, where the
 * native library is not built or cannot load.
 */
class AutoCaptureEngineTest {
    private static final NativeStacks STACKS = NativeStacks.load();
    private static final int DEPTH = 2;
    /** Frames between the shallow and the deep calls of the same sites. */
    private static final int DEEPER = 3000;
    /** Stack bytes from which the deep call is taken natively: far below DEEPER frames of any size. */
    private static final int DEEP_BYTES = 16 * 1024;

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(STACKS.available(), () -> "native capture unavailable: " + STACKS.unavailableReason());
    }

    private static RefTrackingSettings autoFull() {
        return RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL).withCapture(RefTracking.Capture.AUTO);
    }

    @Nested
    class Contract extends FullModeContractTest {
        /** Static: the superclass's recorder asks for it while this instance is being built. */
        private static final RefTrackingRuntime RUNTIME = RefTrackingRuntime.builder().settings(autoFull()).build();

        @Override
        RefTrackingRuntime runtime() {
            return RUNTIME;
        }

        @Override
        RefTrackerDir newDir(int quarantine) {
            return RUNTIME.directory("contract").quarantine(quarantine).mode(RefTracking.Mode.FULL).build();
        }
    }

    @Test
    void theSettingsChooseTheAutomaticSource() {
        RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(autoFull()).build();

        assertThat(runtime.capture()).isInstanceOfSatisfying(NativeCaptureSource.class,
                source -> assertThat(source.automatic()).isTrue());
        assertThat(runtime.captureInUse()).isEqualTo(RefTracking.Capture.AUTO);
        assertThat(runtime.toString()).contains("capture auto");
    }

    @Test
    void oneCallPathCapturedShallowAndDeep_makesOneGroupWithTheJavaPathsFrames() throws Exception {
        Counting counting = new Counting();
        RefTrackerDir auto = RefTrackingRuntime.builder().settings(autoFull().withDepth(DEPTH))
                .hide(Counting.class.getName())
                .captureSource(filter -> counting.of(NativeCaptureSource.automatic(STACKS, DEPTH, filter,
                        DEEP_BYTES / (DEPTH + 6))))
                .build().directory("mixed").build();
        RefTrackerDir java = RefTrackingRuntime.builder().settings(RefTrackingSettings.defaults()
                .withMode(RefTracking.Mode.FULL).withDepth(DEPTH)).build().directory("mixed").build();

        // A fresh thread: its first capture, a shallow one, is where its depth is measured from.
        onFreshThread(() -> {
            for (int i = 0; i < 3; i++) {
                takeTwo(auto);
                takeTwo(java);
                Deeper.below(DEEPER, () -> takeTwo(auto));
            }
        });

        assertThat(counting.java.get()).isEqualTo(6);
        assertThat(counting.raw.get()).isEqualTo(6);
        List<LeakReport.Group> mixed = auto.report(16).groups();
        List<LeakReport.Group> fromJava = java.report(16).groups();
        assertThat(mixed).hasSize(2).allSatisfy(group -> assertThat(group.users()).isEqualTo(6));
        assertThat(framesAndFingerprints(mixed)).isEqualTo(framesAndFingerprints(fromJava));
        assertThat(mixed).extracting(group -> Sites.top(group.frames())).containsExactlyInAnyOrder("siteX", "siteY");
    }

    private static List<String> framesAndFingerprints(List<LeakReport.Group> groups) {
        return groups.stream().map(g -> g.fingerprint() + " " + g.frames()).sorted().collect(Collectors.toList());
    }

    private static void onFreshThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(null, body, "auto-capture", 16L << 20);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
        thread.join();
        assertThat(failure.get()).isNull();
    }

    /** Takes one reference on each of two lines. */
    private static void takeTwo(RefTrackerDir dir) {
        Sites.siteX(dir);
        Sites.siteY(dir);
    }

    /** Counts which kind of capture the automatic source returned. */
    private static final class Counting {
        final AtomicInteger java = new AtomicInteger();
        final AtomicInteger raw = new AtomicInteger();

        CaptureSource of(CaptureSource source) {
            return new CaptureSource() {
                @Override
                public RawCapture capture() {
                    RawCapture capture = source.capture();
                    if (capture instanceof RawFrames) {
                        raw.incrementAndGet();
                    } else if (capture instanceof Capture) {
                        java.incrementAndGet();
                    }
                    return capture;
                }

                @Override
                public StackTraceElement[] decode(RawCapture capture) {
                    return source.decode(capture);
                }
            };
        }
    }

    /** Runs an action below as many extra frames as asked. */
    private static final class Deeper {
        private Deeper() {
        }

        static void below(int frames, Runnable action) {
            if (frames <= 1) {
                action.run();
            } else {
                below(frames - 1, action);
            }
        }
    }
}
