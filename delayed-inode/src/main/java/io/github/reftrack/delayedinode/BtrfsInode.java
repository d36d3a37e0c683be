package io.github.reftrack.delayedinode;

/**
 * The in-memory inode ({@code struct btrfs_inode}) as far as delayed items need it: its number,
 * its subvolume, the cached delayed node, and the fields an inode-item update copies.
 *
 * <p>Concurrency: {@code delayedNode} is volatile and read without locks (the fast path); it is
 * published only after the node's refcount has been set (spec §10 item 4). The other fields
 * belong to whoever holds the inode (the VFS inode lock in the kernel, the caller here).
 * Eviction and re-reading make a new object for the same inode number.
 */
public final class BtrfsInode {
    final long ino;
    final SubvolRoot root;
    final boolean directory;
    /** The inode cache: owns one node reference while non-null. */
    volatile DelayedNode delayedNode;
    long size;
    int nlink = 1;
    long generation;
    /** The directory's next dir index, as the VFS inode knows it. */
    long indexCnt = 2;

    BtrfsInode(SubvolRoot root, long ino, boolean directory) {
        this.root = root;
        this.ino = ino;
        this.directory = directory;
    }

    /**
     * Returns the inode number.
     *
     * @return {@code btrfs_ino(inode)}
     */
    public long ino() {
        return ino;
    }

    /**
     * Returns the subvolume the inode lives in.
     *
     * @return its root
     */
    public SubvolRoot root() {
        return root;
    }

    /**
     * Returns whether this is a directory.
     *
     * @return {@code true} for directories
     */
    public boolean isDirectory() {
        return directory;
    }

    /**
     * Returns the cached delayed node, read without locks.
     *
     * @return {@code inode->delayed_node}, or {@code null}
     */
    public DelayedNode cachedDelayedNode() {
        return delayedNode;
    }

    /**
     * Returns the next dir index the VFS inode knows (directories).
     *
     * @return {@code index_cnt}
     */
    public long indexCnt() {
        return indexCnt;
    }

    /** Makes the in-memory change an inode-item update will persist. */
    void touch(long sizeDelta) {
        size = Math.max(0, size + sizeDelta);
        generation++;
    }

    InodeItem toItem(long transid) {
        return new InodeItem(ino, size, nlink, generation, transid);
    }

    @Override
    public String toString() {
        return "inode " + ino + " (" + root + ")";
    }
}
