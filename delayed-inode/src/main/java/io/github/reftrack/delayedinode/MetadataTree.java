package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The subvolume b-tree the delayed items are flushed into, reduced to a sorted map with operation
 * counters, so batching is visible: one multi-item insertion per leaf-sized batch, one deletion
 * per run of adjacent keys, one search-and-overwrite per inode item.
 *
 * <p>Thread-safe: every method is {@code synchronized} (the b-tree's own locking).
 */
public final class MetadataTree {
    /** {@code BTRFS_INODE_ITEM_KEY}. */
    public static final int INODE_ITEM = 1;
    /** {@code BTRFS_INODE_REF_KEY}. */
    public static final int INODE_REF = 12;
    /** {@code BTRFS_INODE_EXTREF_KEY}. */
    public static final int INODE_EXTREF = 13;
    /** {@code BTRFS_DIR_INDEX_KEY}. */
    public static final int DIR_INDEX = 96;

    /**
     * A b-tree key.
     *
     * @param objectid inode number
     * @param type     item type, e.g. {@link #DIR_INDEX}
     * @param offset   dir index, parent inode, ...
     */
    public record Key(long objectid, int type, long offset) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(objectid, o.objectid);
            if (c == 0) {
                c = Integer.compare(type, o.type);
            }
            return c != 0 ? c : Long.compare(offset, o.offset);
        }
    }

    /**
     * A dir-index item's payload.
     *
     * @param name     the entry name
     * @param location the inode the entry points at
     */
    public record DirEntry(String name, long location) {
    }

    private final TreeMap<Key, Object> items = new TreeMap<>();
    private long insertBatches;
    private long itemsInserted;
    private long deleteBatches;
    private long itemsDeleted;
    private long inodeUpdates;
    private final List<Integer> insertBatchSizes = new ArrayList<>();

    MetadataTree() {
    }

    synchronized void insertBatch(List<Map.Entry<Key, Object>> batch) {
        insertBatches++;
        for (Map.Entry<Key, Object> e : batch) {
            items.put(e.getKey(), e.getValue());
        }
        itemsInserted += batch.size();
        if (insertBatchSizes.size() < 4096) {
            insertBatchSizes.add(batch.size());
        }
    }

    /**
     * Returns the sizes of the first 4096 multi-item insertions, in order.
     *
     * @return a copy, e.g. {@code [217, 217, 217, 217, 132]}
     */
    public synchronized List<Integer> insertBatchSizes() {
        return List.copyOf(insertBatchSizes);
    }

    synchronized boolean contains(Key key) {
        return items.containsKey(key);
    }

    /** The key in the next slot after {@code key}, or {@code null}. */
    synchronized Key nextKey(Key key) {
        return items.higherKey(key);
    }

    synchronized void deleteRun(List<Key> keys) {
        deleteBatches++;
        for (Key key : keys) {
            items.remove(key);
        }
        itemsDeleted += keys.size();
    }

    /** Writes an item outside any delayed path (inode creation). */
    synchronized void put(Key key, Object value) {
        items.put(key, value);
    }

    /**
     * Overwrites the inode item; if {@code deleteIref}, also deletes the inode's first
     * INODE_REF/EXTREF item. Returns false if the inode item does not exist ("not found").
     */
    synchronized boolean updateInodeItem(InodeItem item, boolean deleteIref) {
        Key key = new Key(item.ino(), INODE_ITEM, 0);
        if (!items.containsKey(key)) {
            return false;
        }
        inodeUpdates++;
        items.put(key, item);
        if (deleteIref) {
            Key next = items.higherKey(key);
            if (next != null && next.objectid() == item.ino()
                    && (next.type() == INODE_REF || next.type() == INODE_EXTREF)) {
                items.remove(next);
            }
        }
        return true;
    }

    /**
     * Returns the item stored under {@code key}.
     *
     * @param key the key
     * @return the item ({@link InodeItem}, {@link DirEntry} or a name), or {@code null}
     */
    public synchronized Object get(Key key) {
        return items.get(key);
    }

    /**
     * Returns the dir-index items of a directory, by index.
     *
     * @param dir the directory's inode number
     * @return a copy, ascending by index
     */
    public synchronized NavigableMap<Long, DirEntry> dirIndex(long dir) {
        TreeMap<Long, DirEntry> out = new TreeMap<>();
        items.subMap(new Key(dir, DIR_INDEX, 0), true, new Key(dir, DIR_INDEX, Long.MAX_VALUE), true)
                .forEach((k, v) -> out.put(k.offset(), (DirEntry) v));
        return out;
    }

    /**
     * Returns how many multi-item insertions ran (one per leaf-sized batch).
     *
     * @return the insertion count
     */
    public synchronized long insertBatches() {
        return insertBatches;
    }

    /**
     * Returns how many items those insertions wrote.
     *
     * @return the item count
     */
    public synchronized long itemsInserted() {
        return itemsInserted;
    }

    /**
     * Returns how many deletions of adjacent-key runs ran.
     *
     * @return the deletion count
     */
    public synchronized long deleteBatches() {
        return deleteBatches;
    }

    /**
     * Returns how many items those deletions removed.
     *
     * @return the item count
     */
    public synchronized long itemsDeleted() {
        return itemsDeleted;
    }

    /**
     * Returns how many inode items were overwritten by delayed updates.
     *
     * @return the update count
     */
    public synchronized long inodeUpdates() {
        return inodeUpdates;
    }

    /**
     * Returns the number of items in the tree.
     *
     * @return the size
     */
    public synchronized int size() {
        return items.size();
    }
}
