package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.internal.engine.Tracker;
import io.github.reftrack.internal.engine.TrackingRefTrackerDir;
import java.lang.ref.WeakReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What reftrack does better than the kernel, and how it treats bad input. */
class JavaPromisesTest {
    @RegisterExtension
    final Recorder events = new Recorder();

    private static TrackingRefTrackerDir newDir(String cls, int quarantine) {
        return (TrackingRefTrackerDir) RefTrackerDir.builder(cls).quarantine(quarantine).mode(RefTracking.Mode.FULL)
                .build();
    }

    @Test
    void doubleReleaseLongAfterEvictionKeepsAllThreeStacks() {
        TrackingRefTrackerDir dir = newDir("t", 1);
        RefTracker victim = Sites.siteX(dir);
        Sites.freeSiteF1(dir, victim);
        for (int i = 0; i < 100; i++) {
            dir.free(dir.alloc());
        }
        assertThat(Sites.freeSiteF2(dir, victim)).isFalse();
        assertThat(events.doubleReleases).singleElement().satisfies(e -> {
            assertThat(e.pastQuarantine()).isTrue();
            assertThat(Sites.top(e.allocatedAt())).isEqualTo("siteX");
            assertThat(Sites.top(e.firstReleasedAt())).isEqualTo("freeSiteF1");
            assertThat(Sites.top(e.releasedAgainAt())).isEqualTo("freeSiteF2");
        });
        assertThat(dir.liveCount()).isZero();
        assertThat(dir.quarantineSize()).isEqualTo(1);
    }

    @Test
    void foreignTrackerIsRefusedAndBothDirectoriesStayIntact() {
        TrackingRefTrackerDir mine = newDir("mine", 4);
        TrackingRefTrackerDir theirs = newDir("theirs", 4);
        RefTracker theirTracker = theirs.alloc();
        mine.alloc();
        assertThat(mine.free(theirTracker)).isFalse();
        assertThat(mine.liveCount()).isEqualTo(1);
        assertThat(theirs.liveCount()).isEqualTo(1);
        assertThat(theirs.free(theirTracker)).isTrue();
        assertThat(events.misuse).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Misuse.Kind.FOREIGN_TRACKER);
            assertThat(m.message()).contains(theirs.name()).contains("release it through the directory");
            assertThat(m.dirName()).isEqualTo(mine.name());
        });
        assertThat(mine.free(Tracker.NOOP)).isFalse();
        assertThat(events.doubleReleases).isEmpty();
    }

    @Test
    void nullTrackerIsRefusedWithAMessageNamingTheFix() {
        TrackingRefTrackerDir dir = newDir("t", 4);
        dir.alloc();
        assertThat(dir.free(null)).isFalse();
        assertThat(dir.liveCount()).isEqualTo(1);
        assertThat(events.misuse).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(Misuse.Kind.NULL_TRACKER);
            assertThat(m.message()).contains("free(null)").contains("freeUntracked()");
            assertThat(Sites.top(m.at())).isEqualTo("nullTrackerIsRefusedWithAMessageNamingTheFix");
        });
    }

    @Test
    void aThrowingListenerBreaksNeitherTheCallerNorTheOtherListeners() {
        RefTrackerListener broken = new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onDoubleRelease(DoubleRelease event) {
                throw new AssertionError("listener bug");
            }
        };
        RefTracking.Registration first = RefTracking.addListener(broken);
        try (Recorder after = new Recorder()) {
            TrackingRefTrackerDir dir = newDir("t", 4);
            RefTracker t = dir.alloc();
            dir.free(t);
            assertThat(dir.free(t)).isFalse();
            dir.alloc();
            dir.close();
            assertThat(after.doubleReleases).hasSize(1);
            assertThat(after.leaks).hasSize(1);
        } finally {
            first.close();
        }
    }

    @Test
    void removedListenersHearNothing() {
        Recorder removed = new Recorder();
        removed.close();
        removed.close();
        TrackingRefTrackerDir dir = newDir("t", 4);
        dir.alloc();
        dir.close();
        assertThat(removed.leaks).isEmpty();
        assertThat(events.leaks).hasSize(1);
    }

    @Test
    void throwPolicyThrowsAfterListenersHeard() {
        TestRuntime test = new TestRuntime(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL)
                .withThrowOnError(true));
        Recorder events = new Recorder(test.runtime);
        TrackingRefTrackerDir dir = test.fullDir("t", 4);
        RefTracker t = dir.alloc();
        dir.free(t);
        assertThatThrownBy(() -> dir.free(t)).isInstanceOf(RefTrackerException.class)
                .hasMessageContaining("reference already released")
                .satisfies(e -> assertThat(((RefTrackerException) e).event()).isInstanceOf(DoubleRelease.class));
        assertThat(events.doubleReleases).hasSize(1);
        dir.alloc();
        assertThatThrownBy(dir::close).isInstanceOf(RefTrackerException.class).hasMessageContaining("has 1/1 users at");
        assertThat(events.leaks).hasSize(1);
        assertThat(dir.isClosed()).isTrue();
    }

    @Test
    void registryListsOpenDirectoriesAndForgetsClosedOnes() {
        TrackingRefTrackerDir dir = newDir("registry_listed", 4);
        Sites.siteX(dir);
        assertThat(RefTracking.registry().directories()).contains(dir);
        assertThat(RefTracking.registry().liveByClass()).containsEntry("registry_listed", 1L);
        assertThat(RefTracking.registry().reports("registry_listed", 16)).singleElement()
                .satisfies(r -> assertThat(r.dirName()).isEqualTo(dir.name()));
        dir.close();
        assertThat(RefTracking.registry().directories()).doesNotContain(dir);
        assertThatThrownBy(() -> RefTracking.registry().reports(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void registryDoesNotPinADroppedDirectoryButReportsItsLeak() throws InterruptedException {
        List<LeakReport> abandoned = new java.util.concurrent.CopyOnWriteArrayList<>();
        RefTracking.Registration registration = RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onAbandonedDirectory(LeakReport report) {
                if (report.className().equals("registry_dropped")) {
                    abandoned.add(report);
                }
            }
        });
        try {
            WeakReference<RefTrackerDir> dropped = dropDirectoryWithLiveTracker();
            assertThat(Gc.awaitCleared(dropped)).as("directory collected while registered").isTrue();
            assertThat(Gc.await(() -> !abandoned.isEmpty())).as("abandoned directory reported").isTrue();
        } finally {
            registration.close();
        }
        assertThat(abandoned).singleElement().satisfies(report -> {
            assertThat(report.totalUsers()).isEqualTo(1);
            assertThat(Sites.top(report.groups().get(0).frames())).isEqualTo("siteX");
        });
        assertThat(RefTracking.registry().liveByClass()).doesNotContainKey("registry_dropped");
        assertThat(events.leaks).as("onLeak is for close()").isEmpty();
    }

    private static WeakReference<RefTrackerDir> dropDirectoryWithLiveTracker() {
        RefTrackerDir dir = newDir("registry_dropped", 4);
        Sites.siteX(dir);
        return new WeakReference<>(dir);
    }

    @Test
    void promotionInternsLongLivedStacksSoMemoryDoesNotGrowWithDepth() {
        TestRuntime test = new TestRuntime();
        test.promotionPaused.set(true);
        try {
            TrackingRefTrackerDir dir = test.fullDir("t", 4);
            RefTracker shallow = Sites.siteX(dir);
            RefTracker deep = Sites.deep(dir, 200);
            assertThat(((Tracker) deep).allocStack()).isNotInstanceOf(Stack.class);
            test.promotionPaused.set(false);
            test.runtime.housekeeper().promoteQueued();
            assertThat(((Tracker) deep).allocStack()).isInstanceOf(Stack.class);
            assertThat(((Tracker) shallow).allocStack()).isInstanceOf(Stack.class);
            RefTracker again = Sites.deep(dir, 200);
            dir.report(16);
            assertThat(((Tracker) again).allocStack()).isSameAs(((Tracker) deep).allocStack());
        } finally {
            test.promotionPaused.set(false);
        }
    }

    @Test
    void fingerprintIgnoresLinesAndDiffersBetweenCallPaths() {
        TrackingRefTrackerDir dir = newDir("t", 4);
        Sites.siteX(dir);
        Sites.siteX(dir);
        Sites.siteY(dir);
        List<LeakReport.Group> groups = dir.report(16).groups();
        assertThat(groups).as("stacks differ by the caller's line, so they are separate groups").hasSize(3);
        assertThat(groups.get(1).fingerprint()).as("same call path, other line").isEqualTo(groups.get(2).fingerprint());
        assertThat(groups.get(0).fingerprint()).isNotEqualTo(groups.get(1).fingerprint()).matches("[0-9a-f]{16}");

        StackTraceElement a = new StackTraceElement("com.example.Pool", "get", "Pool.java", 10);
        StackTraceElement movedLine = new StackTraceElement("com.example.Pool", "get", "Pool.java", 99);
        StackTraceElement lambda17 = new StackTraceElement("com.example.Pool$$Lambda$123/0x0000000800c03000",
                "run", null, -1);
        StackTraceElement lambda25 = new StackTraceElement("com.example.Pool$$Lambda/0x000007f001234567", "run",
                null, -1);
        assertThat(Stack.fingerprintOf(List.of(a, lambda17))).isEqualTo(Stack.fingerprintOf(List.of(movedLine,
                lambda25)));
        StackTraceElement other = new StackTraceElement("com.example.Pool", "put", "Pool.java", 10);
        assertThat(Stack.fingerprintOf(List.of(a))).isNotEqualTo(Stack.fingerprintOf(List.of(other)));
    }

    @Test
    void holdersAreNamedUnderTheirGroup() {
        TrackingRefTrackerDir dir = newDir("t", 4);
        for (String holder : List.of("inode_cache", "node_list")) {
            Sites.siteHolder(dir, holder);
        }
        Sites.siteX(dir);
        LeakReport report = dir.report(16);
        assertThat(report.groups()).extracting(LeakReport.Group::holders)
                .containsExactly(List.of(), List.of("node_list", "inode_cache"));
        assertThat(report.toString()).contains(" has 2/3 users at\n  held by: node_list, inode_cache\n     ");
        assertThat(dir.alloc("x").toString()).matches("RefTracker\\[dir=t@[0-9a-f]{16}, holder=x, state=live]");
    }
}
