package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec §12 scenarios 9–13 and 25: delayed items, batching, readdir. */
@Timeout(30)
class ItemScenariosTest {

    @Test
    @DisplayName("9. cancelled insertion: no deletion item, counts restored, leaves released")
    void scenario09_cancelledInsertion() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            t.fs.items().delayedUpdateInode(t.trans(), dir);
            DelayedNode node = t.node(dir);
            int seq = t.delayedRoot().itemsSeq();

            t.insert(dir, 5);
            assertThat(node.indexItemLeaves).isEqualTo(1);
            assertThat(t.fs.items().deleteDelayedDirIndex(t.trans(), dir, 5)).isZero();

            assertThat(node.delRoot).isEmpty();
            assertThat(node.insRoot).isEmpty();
            assertThat(node.count()).isEqualTo(1);
            assertThat(node.indexItemLeaves).isZero();
            assertThat(node.currIndexBatchSize).isZero();
            assertThat(t.delayedRoot().items()).isEqualTo(1);
            assertThat(t.delayedRoot().itemsSeq()).isEqualTo(seq + 1);
        }
    }

    @Test
    @DisplayName("10. duplicate insertion: -EEXIST with the kernel's message, count unchanged")
    void scenario10_duplicateInsertion() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            assertThat(t.fs.items().insertDelayedDirIndex(t.trans(), "a", dir, 300, 5)).isZero();
            DelayedNode node = t.node(dir);

            assertThat(t.fs.items().insertDelayedDirIndex(t.trans(), "a", dir, 300, 5)).isEqualTo(-17);

            assertThat(t.logged()).contains("error adding delayed dir index item, name: a, index: 5, root: 5, dir: 257,"
                    + " dir->index_cnt: 2, delayed_node->index_cnt: 6, error: -17");
            assertThat(node.count()).isEqualTo(1);
            assertThat(t.delayedRoot().items()).isEqualTo(1);
            assertThat(node.refs()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("11. inode update idempotence: one item, refreshed copy")
    void scenario11_updateIdempotent() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode file = t.file(300);
            file.touch(10);
            t.fs.items().delayedUpdateInode(t.trans(), file);
            DelayedNode node = t.node(file);
            InodeItem first = node.inodeItem;
            file.touch(20);

            t.fs.items().delayedUpdateInode(t.trans(), file);

            assertThat(node.count()).isEqualTo(1);
            assertThat(t.delayedRoot().items()).isEqualTo(1);
            assertThat(node.inodeItem).isNotEqualTo(first);
            assertThat(node.inodeItem.size()).isEqualTo(30);
            assertThat(node.inodeItem.generation()).isEqualTo(first.generation() + 1);
        }
    }

    @Test
    @DisplayName("12. inode-ref deletion: -EAGAIN in log replay without a node; otherwise one item")
    void scenario12_inodeRefDeletion() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode file = t.file(300);
            t.fs.logReplay = true;
            assertThat(t.fs.items().delayedDeleteInodeRef(file)).isEqualTo(-11);
            assertThat(t.root.delayedNodeCount()).isZero();

            t.fs.logReplay = false;
            assertThat(t.fs.items().delayedDeleteInodeRef(file)).isZero();
            assertThat(t.fs.items().delayedDeleteInodeRef(file)).isZero();
            assertThat(t.node(file).count()).isEqualTo(1);
            assertThat(t.delayedRoot().items()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("12b. inode-ref deletion is written with the inode item and removes the INODE_REF")
    void scenario12_inodeRefFlushed() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode file = t.file(300);
            t.fs.items().delayedDeleteInodeRef(file);
            t.fs.items().delayedUpdateInode(t.trans(), file);

            assertThat(t.fs.commitTransaction()).isZero();

            assertThat(t.fs.tree().get(new MetadataTree.Key(300, MetadataTree.INODE_REF, 256))).isNull();
            assertThat(t.fs.tree().inodeUpdates()).isEqualTo(1);
            assertThat(t.delayedRoot().items()).isZero();
        }
    }

    @Test
    @DisplayName("13. insertion batching: 1000 x 75-byte items go in leaves of 217")
    void scenario13_batching() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            for (int i = 0; i < 1000; i++) {
                String name = String.format("name-%015d", i);
                assertThat(name).hasSize(20);
                t.fs.items().insertDelayedDirIndex(t.trans(), name, dir, 300, i + 2);
            }
            DelayedNode node = t.node(dir);
            assertThat(node.indexItemLeaves).isEqualTo(5);
            List<Integer> leavesAfterBatch = new ArrayList<>();
            t.fs.runner().afterInsertBatch = n -> leavesAfterBatch.add(n.indexItemLeaves);

            t.fs.runner().commitInodeDelayedItems(t.trans(), dir);

            assertThat(Leaf.DATA_SIZE / 75).isEqualTo(217);
            assertThat(t.fs.tree().insertBatchSizes()).containsExactly(217, 217, 217, 217, 132);
            assertThat(leavesAfterBatch).containsExactly(4, 3, 2, 1, 0);
            assertThat(t.fs.tree().dirIndex(257)).hasSize(1000);
            assertThat(node.count()).isZero();
        }
    }

    @Test
    @DisplayName("13b. log replay batches only contiguous indexes")
    void scenario13_logReplayGap() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            for (long index = 2; index <= 20; index++) {
                if (index != 12) {
                    t.insert(dir, index);
                }
            }
            t.fs.logReplay = true;

            t.fs.runner().commitInodeDelayedItems(t.trans(), dir);

            assertThat(t.fs.tree().insertBatchSizes()).containsExactly(10, 8);
        }
    }

    @Test
    @DisplayName("13c. deletions of adjacent flushed indexes go in one run; absent ones are dropped")
    void scenario13_deletionRuns() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            for (long index = 2; index <= 9; index++) {
                t.insert(dir, index);
            }
            t.fs.commitTransaction();
            for (long index : new long[] {3, 4, 5, 7, 100}) {
                t.fs.items().deleteDelayedDirIndex(t.trans(), dir, index);
            }

            t.fs.commitTransaction();

            assertThat(t.fs.tree().dirIndex(257).keySet()).containsExactly(2L, 6L, 8L, 9L);
            assertThat(t.fs.tree().deleteBatches()).isEqualTo(2);
            assertThat(t.fs.tree().itemsDeleted()).isEqualTo(4);
            assertThat(t.delayedRoot().items()).isZero();
        }
    }

    @Test
    @DisplayName("25. readdir raw drop: refs, prepare_list order and trackers unchanged")
    void scenario25_readdirRawDrop() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode a = t.dir(257);
            BtrfsInode b = t.dir(258);
            t.insert(a, 2);
            t.insert(a, 3);
            t.fs.items().deleteDelayedDirIndex(t.trans(), a, 40);
            t.insert(b, 2);
            DelayedNode nodeA = t.node(a);
            List<DelayedNode> order = t.delayedRoot().prepareListSnapshot();
            int live = nodeA.refDir().liveCount();

            PendingEntries entries = t.fs.readers().readdirGetDelayedItems(a, 3);

            assertThat(entries.insertedIndexes()).containsExactly(2L, 3L);
            assertThat(entries.deletedIndexes()).isEmpty();
            assertThat(nodeA.refs()).isEqualTo(2);
            assertThat(t.delayedRoot().prepareListSnapshot()).isEqualTo(order).startsWith(nodeA);
            assertThat(nodeA.refDir().liveCount()).isEqualTo(live);
            assertThat(nodeA.insRoot.get(2L).refs.get()).isEqualTo(2);
            t.fs.readers().readdirPutDelayedItems(entries);
            assertThat(nodeA.insRoot.get(2L).refs.get()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("25b. tree-log get/put: raw drops, items collected once and marked logged")
    void scenario25_logRawDrop() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode a = t.dir(257);
            t.insert(a, 2);
            DelayedNode node = t.node(a);

            PendingEntries entries = t.fs.readers().logGetDelayedItems(a);
            assertThat(t.fs.readers().logGetDelayedItems(a).insertedIndexes()).isEmpty();
            t.fs.readers().logPutDelayedItems(a, entries);

            assertThat(entries.insertedIndexes()).containsExactly(2L);
            assertThat(node.insRoot.get(2L).logged).isTrue();
            assertThat(node.refs()).isEqualTo(2);
            assertThat(node.refDir().liveCount()).isEqualTo(2);
        }
    }
}
