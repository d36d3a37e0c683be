package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeRefTest {

    @Test
    void close_releasesOnce_withTheSlotTheGetFilled() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode dir = t.dir(257);
            NodeRef ref = t.fs.nodes().getOrCreate(dir);
            DelayedNode node = ref.node();
            assertThat(node.refs()).isEqualTo(2);
            assertThat(ref.tracker().tracker).isNotNull();

            ref.close();
            assertThat(node.refs()).isEqualTo(1);
            ref.close();
            assertThat(node.refs()).isEqualTo(1);
            assertThat(t.doubleReleases).isEmpty();
            assertThat(TestFs.holders(node)).containsExactly("inode_cache");
        }
    }

    @Test
    void get_returnsNull_whenTheInodeHasNoNode() {
        try (TestFs t = TestFs.tracked()) {
            assertThat(t.fs.nodes().get(t.dir(257))).isNull();
        }
    }
}
