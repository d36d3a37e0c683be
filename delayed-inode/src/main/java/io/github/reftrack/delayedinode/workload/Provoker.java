package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.delayedinode.BtrfsFs;
import io.github.reftrack.delayedinode.InjectionSite;
import io.github.reftrack.delayedinode.PendingEntries;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs the armed injection site's code path once more when the traffic did not reach it (a short
 * run may never, for example, gather the 64 pending items the async worker needs).
 */
final class Provoker {
    private final BtrfsFs fs;
    private final Inodes inodes;

    Provoker(BtrfsFs fs, Inodes inodes) {
        this.fs = fs;
        this.inodes = inodes;
    }

    void provoke(InjectionSite site) {
        Inodes.Slot dir = inodes.firstDir();
        dir.lock.lock();
        try {
            int entries = site == InjectionSite.ASYNC_WORKER_RELEASE ? 80 : 1;
            for (int i = 0; i < entries; i++) {
                long index = dir.nextIndex++;
                fs.items().insertDelayedDirIndex(fs.joinTransaction(), "provoke-" + index, dir.inode,
                        Inodes.FIRST_FILE, index);
                dir.liveIndexes.add(index);
            }
            switch (site) {
                case READDIR_RAW_DROP:
                    PendingEntries pending = fs.readers().readdirGetDelayedItems(dir.inode, Long.MAX_VALUE);
                    fs.readers().readdirPutDelayedItems(pending);
                    break;
                case EVICT_INODE_CACHE_RELEASE:
                    inodes.evict(dir);
                    break;
                default:
                    break;
            }
        } finally {
            dir.lock.unlock();
        }
        if (site == InjectionSite.FIRST_NEXT_WALK) {
            fs.commitTransaction();
        } else if (site == InjectionSite.ASYNC_WORKER_RELEASE) {
            fs.workers().queue(16);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (!fs.injectionFired() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        }
    }
}
