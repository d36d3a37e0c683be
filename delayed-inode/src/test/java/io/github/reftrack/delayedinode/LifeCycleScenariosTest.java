package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec §12 scenarios 1–8: creation, lookup, release, eviction, races. */
@Timeout(30)
class LifeCycleScenariosTest {

    @Test
    @DisplayName("1. create: inode cache + list references, queued, counted")
    void scenario01_create() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            assertThat(t.fs.items().insertDelayedDirIndex(t.trans(), "a", dir, 300, 2)).isZero();

            DelayedNode node = t.node(dir);
            assertThat(node.refs()).isEqualTo(2);
            assertThat(node.inList()).isTrue();
            assertThat(t.delayedRoot().nodeListSnapshot()).containsExactly(node);
            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(node);
            assertThat(t.delayedRoot().nodes()).isEqualTo(1);
            assertThat(node.count()).isEqualTo(1);
            assertThat(t.delayedRoot().items()).isEqualTo(1);
            assertThat(node.indexCnt).isEqualTo(3);
            assertThat(node.refDir().liveCount()).isEqualTo(2);
            assertThat(TestFs.holders(node)).containsExactly("inode_cache", "node_list");
            assertThat(dir.cachedDelayedNode()).isSameAs(node);
        }
    }

    @Test
    @DisplayName("1b. create: refs are 2 inside the call, before the release")
    void scenario01_refsDuringCall() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode node = t.fs.nodes().getOrCreateDelayedNode(dir, tracker);

            assertThat(node.refs()).isEqualTo(2);
            assertThat(node.refDir().liveCount()).isEqualTo(2);
            t.fs.nodes().releaseDelayedNode(node, tracker);
            assertThat(node.refs()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("2. lookup fast path: refs 3, release back to 2 and to the tail of prepare_list")
    void scenario02_fastPath() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode a = t.dir(257);
            BtrfsInode b = t.dir(258);
            t.insert(a, 2);
            t.insert(b, 2);
            DelayedNode nodeA = t.node(a);
            DelayedNode nodeB = t.node(b);
            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(nodeA, nodeB);

            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode got = t.fs.nodes().getDelayedNode(a, tracker);
            assertThat(got).isSameAs(nodeA);
            assertThat(got.refs()).isEqualTo(3);
            t.fs.nodes().releaseDelayedNode(got, tracker);

            assertThat(nodeA.refs()).isEqualTo(2);
            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(nodeB, nodeA);
        }
    }

    @Test
    @DisplayName("3. no-item release: dequeued, only the inode cache reference left")
    void scenario03_noItemRelease() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode file = t.file(300);
            t.fs.items().delayedUpdateInode(t.trans(), file);
            assertThat(t.fs.runner().commitInodeDelayedItems(t.trans(), file)).isZero();

            DelayedNode node = t.node(file);
            assertThat(node.count()).isZero();
            assertThat(node.refs()).isEqualTo(1);
            assertThat(node.inList()).isFalse();
            assertThat(t.delayedRoot().nodes()).isZero();
            assertThat(TestFs.holders(node)).containsExactly("inode_cache");
        }
    }

    @Test
    @DisplayName("4. eviction with pending items: the list reference keeps the node")
    void scenario04_evictionWithItems() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            DelayedNode node = t.node(dir);

            t.fs.teardown().evictInode(dir, false);

            assertThat(dir.cachedDelayedNode()).isNull();
            assertThat(node.refs()).isEqualTo(1);
            assertThat(t.node(dir)).isSameAs(node);
            assertThat(t.delayedRoot().nodeListSnapshot()).containsExactly(node);
            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(node);
            assertThat(TestFs.holders(node)).containsExactly("node_list");
            assertThat(node.inodeCacheTracker.tracker.toString()).contains("state=released");
        }
    }

    @Test
    @DisplayName("5. re-read inode: slow path caches the node again")
    void scenario05_reRead() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            DelayedNode node = t.node(dir);
            t.fs.teardown().evictInode(dir, false);
            BtrfsInode again = new BtrfsInode(t.root, 257, true);

            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode got = t.fs.nodes().getDelayedNode(again, tracker);

            assertThat(got).isSameAs(node);
            assertThat(node.refs()).isEqualTo(3);
            assertThat(again.cachedDelayedNode()).isSameAs(node);
            assertThat(TestFs.holders(node)).containsExactly("", "inode_cache", "node_list");
            t.fs.nodes().releaseDelayedNode(got, tracker);
            assertThat(node.refs()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("6. flush frees an orphan node: one batch, erased, clean exit")
    void scenario06_flushFreesOrphan() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            t.insert(dir, 3);
            t.insert(dir, 4);
            DelayedNode node = t.node(dir);
            t.fs.teardown().evictInode(dir, false);
            int seq = t.delayedRoot().itemsSeq();

            assertThat(t.fs.runner().runDelayedItems(t.trans(), -1)).isZero();

            assertThat(t.fs.tree().insertBatchSizes()).containsExactly(3);
            assertThat(node.isFreed()).isTrue();
            assertThat(node.refs()).isZero();
            assertThat(t.node(dir)).isNull();
            assertThat(t.delayedRoot().items()).isZero();
            assertThat(t.delayedRoot().itemsSeq()).isEqualTo(seq + 3);
            assertThat(t.delayedRoot().nodes()).isZero();
            assertThat(node.refDir().isClosed()).isTrue();
            assertThat(t.leaks).isEmpty();
            assertThat(t.fs.refcountWarnings().count()).isZero();
        }
    }

    @Test
    @DisplayName("7. create race: one node indexed, the loser's candidate discarded cleanly")
    void scenario07_createRace() throws Exception {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            CountDownLatch winnerDone = new CountDownLatch(1);
            Thread loserThread = Thread.currentThread();
            t.fs.nodes().beforeInsert = inode -> {
                if (Thread.currentThread() == loserThread) {
                    t.fs.nodes().beforeInsert = i -> { };
                    Thread winner = new Thread(() -> {
                        BtrfsRefTracker w = new BtrfsRefTracker();
                        t.fs.nodes().getOrCreateDelayedNode(dir, w);
                        winnerDone.countDown();
                    });
                    winner.start();
                    await(winnerDone);
                }
            };
            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode got = t.fs.nodes().getOrCreateDelayedNode(dir, tracker);

            assertThat(t.root.delayedNodes()).containsExactly(got);
            assertThat(t.fs.nodes().discarded.get()).isEqualTo(1);
            assertThat(t.fs.nodesCreated()).isEqualTo(1);
            assertThat(got.refs()).isEqualTo(3);
            assertThat(got.refDir().liveCount()).isEqualTo(3);
            assertThat(t.leaks).isEmpty();
            assertThat(t.misuses).isEmpty();
        }
    }

    @Test
    @DisplayName("8. dying node: get returns null, getOrCreate retries until the erase")
    void scenario08_dyingNode() throws Exception {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.fs.items().delayedUpdateInode(t.trans(), dir);
            t.fs.runner().commitInodeDelayedItems(t.trans(), dir);
            DelayedNode dying = t.node(dir);
            dying.refs.set(0);
            BtrfsInode fresh = t.fs.readInode(t.root, 257, true);

            assertThat(t.fs.nodes().getDelayedNode(fresh, new BtrfsRefTracker())).isNull();

            AtomicReference<DelayedNode> created = new AtomicReference<>();
            Thread creator = new Thread(() -> created.set(
                    t.fs.nodes().getOrCreateDelayedNode(fresh, new BtrfsRefTracker())));
            creator.start();
            while (t.fs.nodes().discarded.get() < 3) {
                Thread.onSpinWait();
            }
            assertThat(creator.isAlive()).isTrue();
            t.root.xaErase(257);
            creator.join(TimeUnit.SECONDS.toMillis(10));

            assertThat(created.get()).isNotNull().isNotSameAs(dying);
            assertThat(t.node(fresh)).isSameAs(created.get());
            assertThat(t.fs.nodesCreated()).isEqualTo(2);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
