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
            return new TestRuntime(settings, filter -> new NativeCaptureSource(STACKS, settings.depth(), filter));
        }
    }

    @Test
    void theSettingsChooseTheNativeSource() {
        RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(nativeFull()).build();
        assertThat(runtime.capture()).isInstanceOf(NativeCaptureSource.class);
        assertThat(runtime.toString()).contains("capture native");
    }

    /** At a small depth, the native path's frames and fingerprints are the Java path's. */
    @Test
    void reportsNameTheSameFramesAndFingerprintAsTheJavaPath() {
        List<List<LeakReport.Group>> groups = groupsOfTwoSites(RefTrackingSettings.defaults()
                .withMode(RefTracking.Mode.FULL).withDepth(3), nativeFull().withDepth(3));
        List<LeakReport.Group> fromJava = groups.get(0);
        List<LeakReport.Group> fromNative = groups.get(1);

        assertThat(fromNative).hasSameSizeAs(fromJava).hasSize(2);
        for (int i = 0; i < fromJava.size(); i++) {
            assertThat(fromNative.get(i).frames()).hasSize(3).isEqualTo(fromJava.get(i).frames());
            assertThat(fromNative.get(i).fingerprint()).isEqualTo(fromJava.get(i).fingerprint());
            assertThat(fromNative.get(i).users()).isEqualTo(3);
        }
    }

    /**
     * At the default depth too, with JUnit's reflective and hidden frames below the test: the
     * native source walks past hidden frames until it has {@code depth} shown ones, so its stacks
     * are the Java path's.
     */
    @Test
    void reportsNameTheSameFramesAsTheJavaPath_atTheDefaultDepth() {
        List<List<LeakReport.Group>> groups = groupsOfTwoSites(RefTrackingSettings.defaults()
                .withMode(RefTracking.Mode.FULL), nativeFull());
        List<LeakReport.Group> fromJava = groups.get(0);
        List<LeakReport.Group> fromNative = groups.get(1);

        assertThat(fromNative).hasSameSizeAs(fromJava).hasSize(2);
        for (int i = 0; i < fromJava.size(); i++) {
            assertThat(fromNative.get(i).frames()).isEqualTo(fromJava.get(i).frames())
                    .hasSize(RefTrackingSettings.DEFAULT_DEPTH);
            assertThat(fromNative.get(i).fingerprint()).isEqualTo(fromJava.get(i).fingerprint());
        }
    }

    /** Takes three references on each of two sites in a directory of each runtime, on the same lines. */
    private static List<List<LeakReport.Group>> groupsOfTwoSites(RefTrackingSettings java, RefTrackingSettings other) {
        List<RefTrackerDir> dirs = List.of(
                RefTrackingRuntime.builder().settings(java).build().directory("same").build(),
                RefTrackingRuntime.builder().settings(other).build().directory("same").build());
        for (int i = 0; i < 3; i++) {
            for (RefTrackerDir dir : dirs) {
                takeTwo(dir);
            }
        }
        return List.of(dirs.get(0).report(16).groups(), dirs.get(1).report(16).groups());
    }

    /** Takes one reference on each of two lines. */
    private static void takeTwo(RefTrackerDir dir) {
        Sites.siteX(dir);
        Sites.siteY(dir);
    }
}
