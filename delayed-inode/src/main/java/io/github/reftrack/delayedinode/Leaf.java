package io.github.reftrack.delayedinode;

import java.nio.charset.StandardCharsets;

/** On-disk sizes the batching arithmetic uses (16 KiB nodes). */
final class Leaf {
    /** Default node size. */
    static final int NODE_SIZE = 16384;
    /** {@code sizeof(struct btrfs_header)}. */
    static final int HEADER = 101;
    /** {@code BTRFS_LEAF_DATA_SIZE} for 16 KiB nodes. */
    static final int DATA_SIZE = NODE_SIZE - HEADER;
    /** {@code sizeof(struct btrfs_item)}. */
    static final int ITEM_HEADER = 25;
    /** {@code sizeof(struct btrfs_dir_item)}. */
    static final int DIR_ITEM_HEADER = 30;

    private Leaf() {
    }

    static int nameBytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8).length;
    }
}
