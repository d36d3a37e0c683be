package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.reftrack.internal.capture.NativeStacks;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code depth} counts shown frames on both capture backends: however many hidden frames (an
 * agent's, a library's) lie above the user's call, the user's frames are kept, and two call
 * sites stay two groups (issue 17, defect 10). The Java backend is tested everywhere; the native
 * one where its library loads.
 */
class CaptureDepthTest {
    /** More hidden frames above the user's call than the native capture walks at first. */
    private static final int HIDDEN = 40;
    /** More hidden frames than the native capture ever walks beyond the depth: taken in Java. */
    private static final int VERY_HIDDEN = 300;

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 3, 4})
    void userFramesAreKept_underManyHiddenFrames_withJavaCapture(int depth) {
        List<LeakReport.Group> groups = groupsOfTwoSites(depth, HIDDEN, RefTracking.Capture.JAVA).get(0);

        assertUserFrames(groups, depth);
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 3, 4})
    void userFramesAreKept_underManyHiddenFrames_withNativeCapture(int depth) {
        assumeNative();
        List<List<LeakReport.Group>> groups = groupsOfTwoSites(depth, HIDDEN, RefTracking.Capture.NATIVE,
                RefTracking.Capture.JAVA);

        assertUserFrames(groups.get(0), depth);
        assertThat(framesAndFingerprints(groups.get(0))).isEqualTo(framesAndFingerprints(groups.get(1)));
    }

    @ParameterizedTest(name = "depth {0}")
    @ValueSource(ints = {1, 4})
    void userFramesAreKept_whenHiddenFramesExceedTheNativeWindow(int depth) {
        assumeNative();
        List<List<LeakReport.Group>> groups = groupsOfTwoSites(depth, VERY_HIDDEN, RefTracking.Capture.NATIVE,
                RefTracking.Capture.JAVA);

        assertUserFrames(groups.get(0), depth);
        assertThat(framesAndFingerprints(groups.get(0))).isEqualTo(framesAndFingerprints(groups.get(1)));
    }

    private static void assumeNative() {
        NativeStacks stacks = NativeStacks.load();
        assumeTrue(stacks.available(), () -> "native capture unavailable: " + stacks.unavailableReason());
    }

    private static void assertUserFrames(List<LeakReport.Group> groups, int depth) {
        assertThat(groups).hasSize(2);
        assertThat(groups).extracting(group -> Sites.top(group.frames()))
                .containsExactlyInAnyOrder("userSiteA", "userSiteB");
        for (LeakReport.Group group : groups) {
            assertThat(group.users()).isEqualTo(3);
            assertThat(group.frames()).hasSize(depth)
                    .noneMatch(frame -> frame.getClassName().startsWith(HiddenLibrary.class.getName()))
                    .noneMatch(frame -> frame.getClassName().startsWith("io.github.reftrack.internal."));
        }
        assertThat(groups.get(0).fingerprint()).isNotEqualTo(groups.get(1).fingerprint());
    }

    private static List<String> framesAndFingerprints(List<LeakReport.Group> groups) {
        return groups.stream().map(g -> g.fingerprint() + " " + g.frames()).sorted().collect(Collectors.toList());
    }

    /**
     * Takes three references on each of two user sites, each below {@code hidden} library frames,
     * in a directory of a runtime per capture backend, on the same lines for all.
     */
    private static List<List<LeakReport.Group>> groupsOfTwoSites(int depth, int hidden,
            RefTracking.Capture... captures) {
        List<RefTrackerDir> dirs = new ArrayList<>();
        for (RefTracking.Capture capture : captures) {
            RefTrackingSettings settings = RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                    .withDepth(depth).withCapture(capture);
            RefTrackingRuntime runtime = RefTrackingRuntime.builder().settings(settings)
                    .hide(HiddenLibrary.class.getName()).build();
            assertThat(runtime.capture().toString())
                    .isEqualTo(capture == RefTracking.Capture.NATIVE ? "native" : "java");
            dirs.add(runtime.directory("depth").build());
        }
        for (int i = 0; i < 3; i++) {
            for (RefTrackerDir dir : dirs) {
                takeTwo(dir, hidden);
            }
        }
        List<List<LeakReport.Group>> groups = new ArrayList<>();
        for (RefTrackerDir dir : dirs) {
            groups.add(dir.report(16).groups());
        }
        return groups;
    }

    private static void takeTwo(RefTrackerDir dir, int hidden) {
        userSiteA(dir, hidden);
        userSiteB(dir, hidden);
    }

    private static RefTracker userSiteA(RefTrackerDir dir, int hidden) {
        return HiddenLibrary.acquire(dir, hidden);
    }

    private static RefTracker userSiteB(RefTrackerDir dir, int hidden) {
        return HiddenLibrary.acquire(dir, hidden);
    }

    /** A library whose frames are hidden, as an agent hides Netty's: its calls nest deep. */
    static final class HiddenLibrary {
        private HiddenLibrary() {
        }

        static RefTracker acquire(RefTrackerDir dir, int frames) {
            return frames <= 1 ? dir.alloc() : acquire(dir, frames - 1);
        }
    }
}
