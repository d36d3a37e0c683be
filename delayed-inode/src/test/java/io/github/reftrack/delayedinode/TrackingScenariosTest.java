package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.RefTrackerDir;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec §12 scenarios 21–23: double release, ATOMIC tracker failure, tracking disabled. */
@Timeout(30)
class TrackingScenariosTest {

    @Test
    @DisplayName("21. double release: 'reference already released.' with both stacks; early free is caught")
    void scenario21_doubleRelease() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode file = t.file(300);
            t.fs.items().delayedUpdateInode(t.trans(), file);
            t.fs.runner().commitInodeDelayedItems(t.trans(), file);
            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode node = t.fs.nodes().getDelayedNode(file, tracker);
            assertThat(node.refs()).isEqualTo(2);

            t.fs.nodes().releaseDelayedNode(node, tracker);
            t.fs.nodes().releaseDelayedNode(node, tracker);

            assertThat(t.doubleReleases).singleElement().satisfies(event -> {
                assertThat(event.toString()).contains("reference already released.");
                assertThat(event.allocatedAt()).anyMatch(f -> f.getMethodName().equals("scenario21_doubleRelease"));
                assertThat(event.firstReleasedAt()).isNotEmpty();
                assertThat(event.releasedAgainAt()).isNotEmpty();
            });
            assertThat(node.isFreed()).as("the second release dropped the inode cache's reference").isTrue();
            assertThat(t.leaks).singleElement().satisfies(leak ->
                    assertThat(leak.groups()).singleElement().satisfies(g ->
                            assertThat(g.holders()).containsExactly("inode_cache")));
            assertThatThrownBy(() -> t.fs.nodes().getDelayedNode(file, new BtrfsRefTracker()))
                    .isInstanceOf(UseAfterFreeException.class)
                    .hasMessageContaining("btrfs_get_delayed_node");
        }
    }

    @Test
    @DisplayName("21b. the double release is caught also past the quarantine of 16")
    void scenario21_pastQuarantine() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            BtrfsRefTracker first = new BtrfsRefTracker();
            DelayedNode node = t.fs.nodes().getDelayedNode(dir, first);
            t.fs.nodes().releaseDelayedNode(node, first);
            for (int i = 0; i < 20; i++) {
                BtrfsRefTracker other = new BtrfsRefTracker();
                t.fs.nodes().releaseDelayedNode(t.fs.nodes().getDelayedNode(dir, other), other);
            }

            NodeTracking.free(node, first);

            assertThat(t.doubleReleases).singleElement().extracting(DoubleRelease::pastQuarantine).isEqualTo(true);
        }
    }

    @Test
    @DisplayName("22. ATOMIC tracker failure on queue: slot empty, untracked 2, back to 1, clean exit")
    void scenario22_atomicFailure() {
        try (TestFs t = TestFs.tracked()) {
            t.fs.atomicAllocFailure = site -> site == AllocSite.QUEUE;
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            DelayedNode node = t.node(dir);

            assertThat(node.nodeListTracker.tracker).isNull();
            assertThat(node.untracked()).isEqualTo(2);
            assertThat(node.refDir().liveCount()).isEqualTo(2);
            assertThat(TestFs.holders(node)).containsExactly("inode_cache");

            t.fs.runner().commitInodeDelayedItems(t.trans(), dir);
            assertThat(node.inList()).isFalse();
            assertThat(node.untracked()).isEqualTo(1);
            t.fs.teardown().evictInode(dir, false);

            assertThat(node.isFreed()).isTrue();
            assertThat(node.refDir().isClosed()).isTrue();
            assertThat(t.leaks).isEmpty();
            assertThat(t.misuses).isEmpty();
        }
    }

    @Test
    @DisplayName("23. tracking disabled: same refcounts and lists, no directory, no trackers, no output")
    void scenario23_trackingDisabled() {
        try (TestFs t = TestFs.untracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            DelayedNode node = t.node(dir);

            assertThat(node.refs()).isEqualTo(2);
            assertThat(node.inList()).isTrue();
            assertThat(t.delayedRoot().nodeListSnapshot()).containsExactly(node);
            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(node);
            assertThat(node.refDir()).isSameAs(RefTrackerDir.disabled());
            assertThat(node.nodeListTracker.tracker).isNull();
            assertThat(node.inodeCacheTracker.tracker).isNull();

            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode got = t.fs.nodes().getDelayedNode(dir, tracker);
            assertThat(tracker.tracker).isNull();
            t.fs.nodes().releaseDelayedNode(got, tracker);
            assertThat(node.refs()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("23b. tracking off globally (mode OFF) with the option on behaves the same")
    void scenario23_globalModeOff() {
        try (TestFs t = TestFs.with(MountOptions.builder().tracking(io.github.reftrack.RefTracking.Mode.OFF)
                .workerThreads(0))) {
            TeardownScenariosTest.leakedGet(t);

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 20);

            assertThat(t.fs.refTrackerEnabled()).isFalse();
            assertThat(result.livelocked()).isTrue();
            assertThat(result.stuckReports()).isEmpty();
            assertThat(t.prints).isEmpty();
        }
    }
}
