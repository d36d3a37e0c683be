package io.github.reftrack.delayedinode;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code struct btrfs_delayed_item}: one pending dir-index insertion (with its dir-item data) or
 * deletion (no data), keyed by dir index in its node's tree.
 *
 * <p>Guarded by the owning node's mutex, except {@code refs} (atomic: readdir and log users take
 * item references outside it).
 */
final class DelayedItem {
    static final int INSERTION = 0;
    static final int DELETION = 1;

    final long index;
    final int type;
    /** Entry name; {@code null} for deletions. */
    final String name;
    /** Inode the entry points at; 0 for deletions. */
    final long location;
    /** Bytes of item data: dir-item header + name for insertions, 0 for deletions. */
    final int dataLen;
    final AtomicInteger refs = new AtomicInteger(1);
    final DelayedNode node;
    long bytesReserved;
    boolean logged;
    /** On a log list (tree-log collection in progress). */
    boolean onLogList;

    private DelayedItem(DelayedNode node, long index, int type, String name, long location, int dataLen) {
        this.node = node;
        this.index = index;
        this.type = type;
        this.name = name;
        this.location = location;
        this.dataLen = dataLen;
    }

    static DelayedItem insertion(DelayedNode node, long index, String name, long location) {
        return new DelayedItem(node, index, INSERTION, name, location, Leaf.DIR_ITEM_HEADER + Leaf.nameBytes(name));
    }

    static DelayedItem deletion(DelayedNode node, long index) {
        return new DelayedItem(node, index, DELETION, null, 0, 0);
    }

    /** Bytes this item takes in a leaf: data plus the item header. */
    int leafBytes() {
        return dataLen + Leaf.ITEM_HEADER;
    }

    @Override
    public String toString() {
        return (type == INSERTION ? "ins(" : "del(") + index + (name != null ? ", " + name : "") + ')';
    }
}
