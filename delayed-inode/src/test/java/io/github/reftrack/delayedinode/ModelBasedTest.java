package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.junit5.LeakChecked;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random operation sequences against a plain model of what the tree must hold: after
 * every operation the reference invariant holds ({@code refs == cached + listed}, and in full
 * mode the directory's live count equals {@code refs}) and readdir's merged view equals the
 * model; after the final commit the tree equals the model; after eviction and kill-all nothing
 * is left. A failure names its seed.
 */
@Timeout(60)
@LeakChecked
class ModelBasedTest {
    private static final int SEEDS = 100;
    private static final int OPS = 300;
    private static final int DIRS = 4;
    private static final int FILES = 12;

    @Test
    void randomSequences_matchTheModel_andLeaveNothingBehind() {
        long base = Long.getLong("reftrack.test.seed", System.nanoTime());
        for (int i = 0; i < SEEDS; i++) {
            long seed = base + i;
            try {
                new Run(seed).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("model-based run failed; reproduce with -Dreftrack.test.seed=" + seed
                        + " (seed " + seed + ")", e);
            }
        }
    }

    /** One seeded sequence. */
    private static final class Run {
        private final Random rnd;
        private final TestFs t = TestFs.tracked();
        private final BtrfsInode[] inodes = new BtrfsInode[DIRS + FILES];
        private final Map<Long, TreeMap<Long, String>> entries = new HashMap<>();
        private final Map<Long, Long> nextIndex = new HashMap<>();
        private final Map<Long, InodeItem> expectedItems = new HashMap<>();
        private final TreeSet<Long> irefDeleted = new TreeSet<>();

        Run(long seed) {
            this.rnd = new Random(seed);
            for (int i = 0; i < inodes.length; i++) {
                long ino = 256 + i;
                inodes[i] = t.fs.createInode(t.root, ino, i < DIRS);
                if (i < DIRS) {
                    entries.put(ino, new TreeMap<>());
                    nextIndex.put(ino, 2L);
                }
            }
        }

        void run() {
            try (t) {
                for (int op = 0; op < OPS; op++) {
                    step(rnd.nextInt(100));
                    checkInvariants();
                }
                assertThat(t.fs.commitTransaction()).isZero();
                checkTree();
                for (BtrfsInode inode : inodes) {
                    t.fs.teardown().evictInode(inode, false);
                }
                assertThat(t.fs.teardown().killAllDelayedNodes(t.root, 100).completed()).isTrue();
                assertThat(t.root.delayedNodeCount()).isZero();
                assertThat(t.delayedRoot().items()).isZero();
                assertThat(t.leaks).isEmpty();
                assertThat(t.doubleReleases).isEmpty();
                assertThat(t.fs.refcountWarnings().count()).isZero();
            }
        }

        private void step(int dice) {
            int slot = dice < 50 ? rnd.nextInt(DIRS) : DIRS + rnd.nextInt(FILES);
            BtrfsInode inode = inodes[slot];
            long ino = inode.ino();
            if (dice < 30) {
                long index = nextIndex.merge(ino, 1L, Long::sum) - 1;
                String name = "n" + index + "-" + rnd.nextInt(1000);
                assertThat(t.fs.items().insertDelayedDirIndex(t.trans(), name, inode, 300, index)).isZero();
                entries.get(ino).put(index, name);
            } else if (dice < 42) {
                List<Long> live = new ArrayList<>(entries.get(ino).keySet());
                if (!live.isEmpty()) {
                    long index = live.get(rnd.nextInt(live.size()));
                    assertThat(t.fs.items().deleteDelayedDirIndex(t.trans(), inode, index)).isZero();
                    entries.get(ino).remove(index);
                }
            } else if (dice < 46) {
                checkReaddir(inode);
            } else if (dice < 50) {
                t.fs.runner().commitInodeDelayedItems(t.trans(), inode);
            } else if (dice < 70) {
                inode.touch(rnd.nextInt(100));
                t.fs.items().delayedUpdateInode(t.trans(), inode);
                expectedItems.put(ino, inode.toItem(0));
            } else if (dice < 75) {
                t.fs.runner().commitInodeDelayedInode(inode);
            } else if (dice < 78 && expectedItems.containsKey(ino)) {
                t.fs.items().delayedDeleteInodeRef(inode);
                t.fs.items().delayedUpdateInode(t.trans(), inode);
                irefDeleted.add(ino);
            } else if (dice < 86) {
                evict(slot);
            } else if (dice < 92) {
                t.fs.workers().queue(rnd.nextBoolean() ? 16 : 0);
                t.fs.workers().runQueuedWork();
            } else if (dice < 97) {
                assertThat(t.fs.commitTransaction()).isZero();
                assertThat(t.fs.teardown().assertDelayedRootEmpty()).isTrue();
            } else {
                t.fs.runner().runDelayedItems(t.trans(), 1 + rnd.nextInt(3));
            }
        }

        private void evict(int slot) {
            BtrfsInode old = inodes[slot];
            t.fs.teardown().evictInode(old, false);
            BtrfsInode fresh = t.fs.readInode(t.root, old.ino(), old.isDirectory());
            if (expectedItems.containsKey(old.ino())) {
                assertThat(fresh.generation).isEqualTo(old.generation);
                assertThat(fresh.size).isEqualTo(old.size);
            }
            inodes[slot] = fresh;
        }

        private void checkReaddir(BtrfsInode dir) {
            PendingEntries pending = t.fs.readers().readdirGetDelayedItems(dir, Long.MAX_VALUE);
            TreeSet<Long> visible = new TreeSet<>(t.fs.tree().dirIndex(dir.ino()).keySet());
            visible.addAll(pending.insertedIndexes());
            pending.deletedIndexes().forEach(visible::remove);
            t.fs.readers().readdirPutDelayedItems(pending);
            assertThat(visible).isEqualTo(entries.get(dir.ino()).keySet());
        }

        private void checkInvariants() {
            Map<Long, BtrfsInode> byIno = new HashMap<>();
            for (BtrfsInode inode : inodes) {
                byIno.put(inode.ino(), inode);
            }
            for (DelayedNode node : t.root.delayedNodes()) {
                BtrfsInode inode = byIno.get(node.inodeId());
                int expected = (inode.cachedDelayedNode() == node ? 1 : 0) + (node.inList() ? 1 : 0);
                assertThat(node.refs()).as("refs of %s", node).isEqualTo(expected);
                assertThat(node.refDir().liveCount()).as("live trackers of %s", node).isEqualTo(expected);
                int items = node.insRoot.size() + node.delRoot.size()
                        + (node.testFlag(DelayedNode.INODE_DIRTY) ? 1 : 0)
                        + (node.testFlag(DelayedNode.DEL_IREF) ? 1 : 0);
                assertThat(node.count()).as("count of %s", node).isEqualTo(items);
                assertThat(node.inList()).as("listed iff it has items: %s", node).isEqualTo(items > 0);
            }
        }

        private void checkTree() {
            for (Map.Entry<Long, TreeMap<Long, String>> dir : entries.entrySet()) {
                TreeMap<Long, String> names = new TreeMap<>();
                t.fs.tree().dirIndex(dir.getKey()).forEach((index, entry) -> names.put(index, entry.name()));
                assertThat(names).as("dir %d", dir.getKey()).isEqualTo(dir.getValue());
            }
            for (Map.Entry<Long, InodeItem> item : expectedItems.entrySet()) {
                InodeItem stored = (InodeItem) t.fs.tree().get(
                        new MetadataTree.Key(item.getKey(), MetadataTree.INODE_ITEM, 0));
                assertThat(stored.size()).isEqualTo(item.getValue().size());
                assertThat(stored.generation()).isEqualTo(item.getValue().generation());
            }
            for (long ino : irefDeleted) {
                assertThat(t.fs.tree().get(new MetadataTree.Key(ino, MetadataTree.INODE_REF, 256))).isNull();
            }
            assertThat(t.delayedRoot().items()).isZero();
        }
    }
}
