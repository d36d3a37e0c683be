package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.internal.capture.NativeStacks;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One call path, one group, whatever thread took the reference: a platform thread, a fresh
 * virtual thread, and a virtual thread that slept (was unmounted) before it acquired, whose older
 * frames a native walk does not see (issue 17, defect 9). Runs on JDK 21 and later (the CI runs
 * the core's tests on JDK 25 too); the native half where the library loads.
 */
class VirtualThreadCaptureTest {
    /** The frames below {@link #level1} differ between the threads; depth 5 ends there. */
    private static final int DEPTH = 5;

    @Test
    void oneCallPathIsOneGroup_onPlatformAndVirtualThreads_withJavaCapture() throws Exception {
        assertOneGroupOfThree(RefTracking.Capture.JAVA);
    }

    @Test
    void oneCallPathIsOneGroup_onPlatformAndVirtualThreads_withNativeCapture() throws Exception {
        NativeStacks stacks = NativeStacks.load();
        assumeTrue(stacks.available(), () -> "native capture unavailable: " + stacks.unavailableReason());
        assertOneGroupOfThree(RefTracking.Capture.NATIVE);
    }

    private static void assertOneGroupOfThree(RefTracking.Capture capture) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads exist from JDK 21");
        RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(RefTrackingSettings.defaults()
                .withMode(RefTracking.Mode.FULL).withDepth(DEPTH).withCapture(capture)).build();
        assertThat(runtime.capture().toString()).isEqualTo(capture.name().toLowerCase(java.util.Locale.ROOT));
        RefTrackerDir dir = runtime.directory("virtual").build();

        level1(dir, false);
        inVirtualThread(() -> level1(dir, false));
        inVirtualThread(() -> level1(dir, true));

        List<LeakReport.Group> groups = dir.report(16).groups();
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).users()).isEqualTo(3);
        assertThat(groups.get(0).frames()).extracting(StackTraceElement::getMethodName)
                .containsExactly("take", "level4", "level3", "level2", "level1");
    }

    /** Runs on a new virtual thread and waits for it; Java 17 bytecode, so through reflection. */
    private static void inVirtualThread(Runnable task) throws Exception {
        Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
        thread.join();
    }

    private static void level1(RefTrackerDir dir, boolean sleep) {
        level2(dir, sleep);
    }

    private static void level2(RefTrackerDir dir, boolean sleep) {
        level3(dir, sleep);
    }

    private static void level3(RefTrackerDir dir, boolean sleep) {
        level4(dir, sleep);
    }

    /** Sleeping unmounts a virtual thread; when it runs again only this frame is back on its carrier. */
    private static void level4(RefTrackerDir dir, boolean sleep) {
        if (sleep) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        take(dir);
    }

    private static void take(RefTrackerDir dir) {
        dir.alloc();
    }
}
