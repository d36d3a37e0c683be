package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.internal.capture.NativeCaptureSource;
import io.github.reftrack.internal.capture.NativeStacks;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The engine on the native capture backend: the contract suite and the kernel scenarios run
 * again with {@code AsyncGetCallTrace} captures, and reports name the same frames and
 * fingerprints as the Java path. Skipped, saying why, where the library is not built or cannot
 * load; everything else in the suite runs without it.
 */
class NativeCaptureEngineTest {
    private static final NativeStacks STACKS = NativeStacks.load();

    @BeforeAll
    static void needsTheLibrary() {
        assumeTrue(STACKS.available(), () -> "native capture unavailable: " + STACKS.unavailableReason());
    }

    private static RefTrackingSettings nativeFull() {
        return RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL).withCapture(RefTracking.Capture.NATIVE);
    }

    @Nested
    class Contract extends FullModeContractTest {
        /** Static: the superclass's recorder asks for it while this instance is being built. */
        private static final RefTrackingRuntime RUNTIME = RefTrackingRuntime.builder().settings(nativeFull()).build();

        @Override
        RefTrackingRuntime runtime() {
            return RUNTIME;
        }

        @Override
        RefTrackerDir newDir(int quarantine) {
            return RUNTIME.directory("contract").quarantine(quarantine).mode(RefTracking.Mode.FULL).build();
        }
    }

    @Nested
    class KernelScenarios extends KernelScenariosTest {
        @Override
        TestRuntime newTestRuntime() {
            RefTrackingSettings settings = nativeFull();
            return new TestRuntime(settings, new NativeCaptureSource(STACKS, settings.depth()));
        }
    }

    @Test
    void theSettingsChooseTheNativeSource() {
        RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(nativeFull()).build();
        assertThat(runtime.capture()).isInstanceOf(NativeCaptureSource.class);
        assertThat(runtime.toString()).contains("capture native");
    }

    @Test
    void reportsNameTheSameFramesAndFingerprintAsTheJavaPath() {
        RefTrackingRuntime javaRuntime = RefTrackingRuntime.builder()
                .settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)).build();
        RefTrackingRuntime nativeRuntime = RefTrackingRuntime.builder().settings(nativeFull()).build();
        RefTrackerDir javaDir = javaRuntime.directory("same").build();
        RefTrackerDir nativeDir = nativeRuntime.directory("same").build();
        for (int i = 0; i < 3; i++) {
            takeTwo(javaDir, nativeDir);
        }

        List<LeakReport.Group> fromJava = javaDir.report(16).groups();
        List<LeakReport.Group> fromNative = nativeDir.report(16).groups();

        assertThat(fromNative).hasSameSizeAs(fromJava).hasSize(2);
        for (int i = 0; i < fromJava.size(); i++) {
            assertThat(fromNative.get(i).frames()).isEqualTo(fromJava.get(i).frames());
            assertThat(fromNative.get(i).fingerprint()).isEqualTo(fromJava.get(i).fingerprint());
            assertThat(fromNative.get(i).users()).isEqualTo(3);
        }
    }

    /** Takes one reference in each directory on each of two lines, so both see equal call paths. */
    private static void takeTwo(RefTrackerDir javaDir, RefTrackerDir nativeDir) {
        for (RefTrackerDir dir : List.of(javaDir, nativeDir)) {
            Sites.siteX(dir);
        }
        for (RefTrackerDir dir : List.of(javaDir, nativeDir)) {
            Sites.siteY(dir);
        }
    }
}
