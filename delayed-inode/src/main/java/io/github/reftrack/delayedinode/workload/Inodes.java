package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.delayedinode.BtrfsFs;
import io.github.reftrack.delayedinode.BtrfsInode;
import io.github.reftrack.delayedinode.SubvolRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workload's inodes: a few directories and many files, each in a slot whose lock plays the
 * VFS inode lock (one operation per inode at a time; eviction replaces the in-memory inode).
 */
final class Inodes {
    static final int DIRS = 8;
    static final int FILES = 64;
    static final long FIRST_DIR = 256;
    static final long FIRST_FILE = 300;

    final BtrfsFs fs;
    final SubvolRoot root;
    private final Slot[] dirs = new Slot[DIRS];
    private final Slot[] files = new Slot[FILES];

    /** One inode number: its current in-memory inode and, for directories, its entries. */
    static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final long ino;
        final boolean directory;
        // Guarded by lock.
        BtrfsInode inode;
        long nextIndex = 2;
        final List<Long> liveIndexes = new ArrayList<>();

        Slot(long ino, boolean directory, BtrfsInode inode) {
            this.ino = ino;
            this.directory = directory;
            this.inode = inode;
        }
    }

    Inodes(BtrfsFs fs, SubvolRoot root) {
        this.fs = fs;
        this.root = root;
        for (int i = 0; i < DIRS; i++) {
            dirs[i] = new Slot(FIRST_DIR + i, true, fs.createInode(root, FIRST_DIR + i, true));
        }
        for (int i = 0; i < FILES; i++) {
            files[i] = new Slot(FIRST_FILE + i, false, fs.createInode(root, FIRST_FILE + i, false));
        }
    }

    Slot dir(Random rnd) {
        return dirs[rnd.nextInt(DIRS)];
    }

    Slot file(Random rnd) {
        return files[rnd.nextInt(FILES)];
    }

    Slot firstDir() {
        return dirs[0];
    }

    /** Caller holds the slot's lock. */
    void evict(Slot slot) {
        fs.teardown().evictInode(slot.inode, false);
        slot.inode = fs.readInode(root, slot.ino, slot.directory);
    }

    /** Adds one entry to the first directory, so kill-all finds at least one listed node. */
    void finalInsert() {
        Slot dir = firstDir();
        dir.lock.lock();
        try {
            long index = dir.nextIndex++;
            fs.items().insertDelayedDirIndex(fs.joinTransaction(), "last-" + index, dir.inode, FIRST_FILE, index);
        } finally {
            dir.lock.unlock();
        }
    }

    /** Subvolume deletion: every inode leaves memory for good (nothing is read back). */
    void evictAll() {
        List<Slot> all = new ArrayList<>(List.of(dirs));
        all.addAll(List.of(files));
        for (Slot slot : all) {
            slot.lock.lock();
            try {
                fs.teardown().evictInode(slot.inode, false);
            } finally {
                slot.lock.unlock();
            }
        }
    }
}
