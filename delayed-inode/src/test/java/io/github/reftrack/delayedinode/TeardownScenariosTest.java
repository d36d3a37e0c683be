package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.LeakReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec §12 scenarios 18–20: kill-all, its livelock, and the print-after-release use after free. */
@Timeout(30)
class TeardownScenariosTest {

    @Test
    @DisplayName("18. kill-all clean: batches of 8, 8, 4; items dropped; every listed node prints two 1/2 groups")
    void scenario18_killAllClean() {
        try (TestFs t = TestFs.tracked()) {
            List<DelayedNode> nodes = listedOrphans(t, 20);
            List<Integer> batches = new ArrayList<>();
            t.fs.teardown().pinnedBatch = batches::add;

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 100);

            assertThat(result.completed()).isTrue();
            assertThat(result.livelockPasses()).isZero();
            assertThat(batches).containsExactly(8, 8, 4);
            assertThat(nodes).allMatch(DelayedNode::isFreed);
            assertThat(t.root.delayedNodeCount()).isZero();
            assertThat(t.fs.tree().dirIndex(257)).isEmpty();
            assertThat(t.fs.tree().insertBatches()).isZero();
            assertThat(t.delayedRoot().items()).isZero();
            assertThat(t.delayedRoot().nodes()).isZero();
            assertThat(t.prints).hasSize(20);
            for (LeakReport print : t.prints) {
                assertThat(print.totalUsers()).isEqualTo(2);
                assertThat(print.groups()).hasSize(2).allMatch(g -> g.users() == 1);
                assertThat(print.toString()).contains("has 1/2 users at", "killAllDelayedNodes", "held by: node_list",
                        "queueDelayedNode");
            }
            assertThat(t.leaks).isEmpty();
        }
    }

    @Test
    @DisplayName("18b. kill-all clean with the mount option off prints nothing")
    void scenario18_killAllCleanUntracked() {
        try (TestFs t = TestFs.untracked()) {
            List<DelayedNode> nodes = listedOrphans(t, 20);

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 100);

            assertThat(result.completed()).isTrue();
            assertThat(nodes).allMatch(DelayedNode::isFreed);
            assertThat(t.prints).isEmpty();
        }
    }

    @Test
    @DisplayName("19. kill-all leak: one report (pin + leaking get), then passes that pin nothing")
    void scenario19_killAllLeak() {
        try (TestFs t = TestFs.tracked()) {
            DelayedNode node = leakedGet(t);

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 50);

            assertThat(result.livelocked()).isTrue();
            assertThat(result.passes()).isEqualTo(50);
            assertThat(result.livelockPasses()).isEqualTo(49);
            assertThat(result.stuckInodes()).containsExactly(257L);
            assertThat(node.refs()).isEqualTo(1);
            assertThat(node.isFreed()).isFalse();
            assertThat(t.prints).hasSize(1);
            LeakReport print = t.prints.get(0);
            assertThat(print.groups()).hasSize(2).allMatch(g -> g.users() == 1);
            assertThat(print.groups().get(0).frames().get(0).getMethodName()).isEqualTo("killAll");
            assertThat(print.groups().get(1).frames()).anyMatch(f -> f.getMethodName().equals("leakedGet"));
            assertThat(result.stuckReports()).singleElement()
                    .satisfies(r -> assertThat(r.toString()).contains("leakedGet")
                            .doesNotContain("DelayedTeardown.killAll"));
        }
    }

    @Test
    @DisplayName("19b. kill-all leak with a deadline: gives up naming the inode and the leaking get")
    void scenario19_killAllDeadline() {
        try (TestFs t = TestFs.with(TestFs.shortKillAll())) {
            leakedGet(t);

            assertThatThrownBy(() -> t.fs.teardown().killAllDelayedNodes(t.root))
                    .isInstanceOfSatisfying(KillAllStuckException.class, e -> {
                        assertThat(e.stuckInodes()).containsExactly(257L);
                        assertThat(e.getMessage()).contains("inode 257 (refs 1)", "leakedGet");
                        assertThat(e.result().livelockPasses()).isPositive();
                    });
        }
    }

    @Test
    @DisplayName("19c. kill-all leak untracked: no output, same livelock, counts only")
    void scenario19_killAllLeakUntracked() {
        try (TestFs t = TestFs.with(TestFs.shortKillAll().refTracker(false))) {
            leakedGet(t);

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 50);
            assertThat(result.livelocked()).isTrue();
            assertThat(result.stuckReports()).isEmpty();
            assertThat(t.prints).isEmpty();
            assertThatThrownBy(() -> t.fs.teardown().killAllDelayedNodes(t.root))
                    .isInstanceOf(KillAllStuckException.class)
                    .hasMessageContaining("inode 257 (refs 1)")
                    .hasMessageContaining("mount with the refTracker option");
        }
    }

    @Test
    @DisplayName("20. print suppression: refs == 1 at print time prints nothing and the release frees the node")
    void scenario20_printSuppressed() {
        try (TestFs t = TestFs.tracked()) {
            Holder holder = concurrentHolder(t);

            KillAllResult result = t.fs.teardown().killAllDelayedNodes(t.root, 10);

            assertThat(holder.releasedDuringKill).isTrue();
            assertThat(result.completed()).isTrue();
            assertThat(t.prints).isEmpty();
            assertThat(holder.node.isFreed()).isTrue();
            assertThat(t.fs.useAfterFreeCount()).isZero();
        }
    }

    @Test
    @DisplayName("20b. pre-fix ordering (print after release) touches the freed node: flagged as use after free")
    void scenario20_preFixOrderingIsFlagged() {
        try (TestFs t = TestFs.tracked()) {
            Holder holder = concurrentHolder(t);
            t.fs.printAfterRelease = true;

            assertThatThrownBy(() -> t.fs.teardown().killAllDelayedNodes(t.root, 10))
                    .isInstanceOf(UseAfterFreeException.class)
                    .hasMessageContaining("KASAN: slab-use-after-free in btrfs_delayed_node_ref_tracker_dir_print")
                    .hasMessageContaining("inode 257");
            assertThat(holder.node.isFreed()).isTrue();
            assertThat(t.fs.useAfterFreeCount()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("8.2 abort: runDelayedItems refuses with -EIO; destroyDelayedInodes drops every item")
    void abortCleanup_dropsItems_andFreesOrphans() {
        try (TestFs t = TestFs.tracked()) {
            List<DelayedNode> orphans = listedOrphans(t, 3);
            BtrfsInode cached = t.dir(400);
            t.insert(cached, 2);
            Transaction trans = t.trans();
            trans.abort();

            assertThat(t.fs.runner().runDelayedItems(trans, -1)).isEqualTo(-5);
            t.fs.teardown().destroyDelayedInodes();

            assertThat(orphans).allMatch(DelayedNode::isFreed);
            assertThat(t.node(cached).refs()).isEqualTo(1);
            assertThat(t.node(cached).inList()).isFalse();
            assertThat(t.delayedRoot().items()).isZero();
            assertThat(t.fs.tree().insertBatches()).isZero();
            assertThat(t.leaks).isEmpty();
        }
    }

    @Test
    @DisplayName("7.6 assertDelayedRootEmpty: warns about a listed node and drops its reference raw")
    void assertDelayedRootEmpty_warns_whenANodeIsListed() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            DelayedNode node = t.node(dir);

            assertThat(t.fs.teardown().assertDelayedRootEmpty()).isFalse();

            assertThat(t.logged()).singleElement().asString().startsWith("WARNING: delayed root not empty:");
            assertThat(node.refs()).isEqualTo(2);
            assertThat(node.refDir().liveCount()).isEqualTo(2);
        }
    }

    /** Nodes with pending items whose inodes are evicted: listed, refs 1. */
    static List<DelayedNode> listedOrphans(TestFs t, int count) {
        List<DelayedNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BtrfsInode dir = t.dir(257 + i);
            t.insert(dir, 2);
            t.fs.items().delayedUpdateInode(t.trans(), dir);
            DelayedNode node = t.node(dir);
            t.fs.teardown().evictInode(dir, false);
            assertThat(node.refs()).isEqualTo(1);
            assertThat(node.inList()).isTrue();
            nodes.add(node);
        }
        return nodes;
    }

    /** Inode 257: no pending items, evicted, and one get never released (refs 1). */
    static DelayedNode leakedGet(TestFs t) {
        BtrfsInode dir = t.dir(257);
        t.fs.items().delayedUpdateInode(t.trans(), dir);
        t.fs.runner().commitInodeDelayedItems(t.trans(), dir);
        DelayedNode node = t.fs.nodes().getDelayedNode(dir, new BtrfsRefTracker());
        t.fs.teardown().evictInode(dir, false);
        assertThat(node.refs()).isEqualTo(1);
        assertThat(node.inList()).isFalse();
        return node;
    }

    /** A node held by one holder that lets go between kill-all's pin and its print. */
    private static Holder concurrentHolder(TestFs t) {
        BtrfsInode dir = t.dir(257);
        t.fs.items().delayedUpdateInode(t.trans(), dir);
        t.fs.runner().commitInodeDelayedItems(t.trans(), dir);
        Holder holder = new Holder();
        holder.node = t.fs.nodes().getDelayedNode(dir, holder.tracker);
        t.fs.teardown().evictInode(dir, false);
        t.fs.teardown().afterKill = node -> {
            assertThat(node.refs()).isEqualTo(2);
            t.fs.nodes().releaseDelayedNode(node, holder.tracker);
            holder.releasedDuringKill = true;
        };
        return holder;
    }

    private static final class Holder {
        final BtrfsRefTracker tracker = new BtrfsRefTracker();
        DelayedNode node;
        boolean releasedDuringKill;
    }
}
