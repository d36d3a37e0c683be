package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.delayedinode.BtrfsFs;
import io.github.reftrack.delayedinode.PendingEntries;
import io.github.reftrack.delayedinode.Transaction;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One traffic thread: a seeded mix of metadata operations, each under its inode's lock, each
 * followed by the throttle ({@code btrfs_balance_delayed_items}) as btrfs does after metadata
 * changes. Every {@value #COMMIT_EVERY} operations (over all threads) the transaction commits.
 */
final class TrafficThread {
    static final int COMMIT_EVERY = 400;

    private final BtrfsFs fs;
    private final Inodes inodes;
    private final Random rnd;
    private final long ops;
    private final AtomicLong done;

    TrafficThread(BtrfsFs fs, Inodes inodes, long seed, long ops, AtomicLong done) {
        this.fs = fs;
        this.inodes = inodes;
        this.rnd = new Random(seed);
        this.ops = ops;
        this.done = done;
    }

    void run() {
        for (long i = 0; i < ops; i++) {
            int dice = rnd.nextInt(100);
            Inodes.Slot slot = dice < 60 ? inodes.dir(rnd) : inodes.file(rnd);
            slot.lock.lock();
            try {
                operate(dice, slot);
            } finally {
                slot.lock.unlock();
            }
            if (done.incrementAndGet() % COMMIT_EVERY == 0) {
                fs.commitTransaction();
            }
            fs.workers().balanceDelayedItems();
        }
    }

    /** Dice 0–59 pick a directory, 60–99 a file. */
    private void operate(int dice, Inodes.Slot slot) {
        Transaction trans = fs.joinTransaction();
        if (dice < 35) {
            long index = slot.nextIndex++;
            long target = Inodes.FIRST_FILE + rnd.nextInt(Inodes.FILES);
            fs.items().insertDelayedDirIndex(trans, "entry-" + index, slot.inode, target, index);
            slot.liveIndexes.add(index);
        } else if (dice < 48) {
            if (!slot.liveIndexes.isEmpty()) {
                long index = slot.liveIndexes.remove(rnd.nextInt(slot.liveIndexes.size()));
                fs.items().deleteDelayedDirIndex(trans, slot.inode, index);
            }
        } else if (dice < 53) {
            PendingEntries entries = fs.readers().readdirGetDelayedItems(slot.inode, Long.MAX_VALUE);
            fs.readers().readdirPutDelayedItems(entries);
        } else if (dice < 56) {
            fs.runner().commitInodeDelayedItems(trans, slot.inode);
        } else if (dice < 58) {
            fs.readers().inodeDelayedDirIndexCount(slot.inode);
        } else if (dice < 60) {
            inodes.evict(slot);
        } else if (dice < 82) {
            fs.items().delayedUpdateInode(trans, slot.inode);
        } else if (dice < 86) {
            fs.runner().commitInodeDelayedInode(slot.inode);
        } else if (dice < 89) {
            fs.readers().fillInode(slot.inode);
        } else if (dice < 91) {
            fs.items().delayedDeleteInodeRef(slot.inode);
            fs.items().delayedUpdateInode(trans, slot.inode);
        } else if (dice < 96) {
            inodes.evict(slot);
        } else {
            fs.workers().queue(16);
        }
    }
}
