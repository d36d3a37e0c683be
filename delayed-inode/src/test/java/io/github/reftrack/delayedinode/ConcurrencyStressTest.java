package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTracking;
import io.github.reftrack.junit5.LeakChecked;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded concurrent stress: traffic threads take and hold references (get/release across
 * operations), queue items, flush, evict and throttle, while the async workers run and a second
 * subvolume is deleted and killed concurrently. Afterwards: refs equal holders for every node,
 * trackers equal refs, nothing was touched after free or released twice, and kill-all leaves
 * nothing. A failure names its seed.
 */
@Timeout(60)
@LeakChecked
class ConcurrencyStressTest {
    private static final int THREADS = 4;
    private static final int OPS = 6000;
    private static final int INODES = 16;

    @Test
    void concurrentTraffic_keepsRefsEqualToHolders_andKillAllLeavesNothing() throws Exception {
        long seed = Long.getLong("reftrack.test.seed", System.nanoTime());
        try {
            run(seed);
        } catch (AssertionError | Exception e) {
            throw new AssertionError("stress failed; reproduce with -Dreftrack.test.seed=" + seed, e);
        }
    }

    private static void run(long seed) throws Exception {
        try (TestFs t = TestFs.with(MountOptions.builder().tracking(RefTracking.Mode.FULL).workerThreads(2))) {
            SubvolRoot dead = t.fs.createSubvolume(6);
            Slot[] live = slots(t, t.root, 256);
            Slot[] doomed = slots(t, dead, 256);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Random rnd = new Random(seed + i);
                Thread thread = new Thread(() -> traffic(t, rnd, prefersLive(rnd) ? live : doomed, live, failure));
                threads.add(thread);
                thread.start();
            }
            Thread.sleep(5);
            Thread killer = new Thread(() -> {
                try {
                    for (Slot slot : doomed) {
                        slot.lock.lock();
                        try {
                            slot.dead = true;
                            t.fs.teardown().evictInode(slot.inode, false);
                        } finally {
                            slot.lock.unlock();
                        }
                    }
                    t.fs.teardown().killAllDelayedNodes(dead);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            killer.start();
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            killer.join(TimeUnit.SECONDS.toMillis(30));
            t.fs.close();
            if (failure.get() != null) {
                throw new AssertionError("a stress thread failed", failure.get());
            }
            assertThat(dead.delayedNodeCount()).isZero();
            checkRefsEqualHolders(t, live);
            assertThat(t.fs.commitTransaction()).isZero();
            for (Slot slot : live) {
                t.fs.teardown().evictInode(slot.inode, false);
            }
            assertThat(t.fs.teardown().killAllDelayedNodes(t.root, 1000).completed()).isTrue();
            assertThat(t.fs.useAfterFreeCount()).isZero();
            assertThat(t.fs.refcountWarnings().count()).isZero();
            assertThat(t.doubleReleases).isEmpty();
            assertThat(t.leaks).isEmpty();
        }
    }

    private static boolean prefersLive(Random rnd) {
        return rnd.nextInt(3) != 0;
    }

    /** One inode number in the stress: its lock plays the VFS inode lock. */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        BtrfsInode inode;
        long nextIndex = 2;
        boolean dead;
    }

    private static Slot[] slots(TestFs t, SubvolRoot root, long first) {
        Slot[] slots = new Slot[INODES];
        for (int i = 0; i < INODES; i++) {
            slots[i] = new Slot();
            slots[i].inode = t.fs.createInode(root, first + i, true);
        }
        return slots;
    }

    private static void traffic(TestFs t, Random rnd, Slot[] mine, Slot[] live, AtomicReference<Throwable> failure) {
        Deque<Object[]> held = new ArrayDeque<>();
        try {
            for (int op = 0; op < OPS; op++) {
                Slot[] slots = rnd.nextInt(4) == 0 ? mine : live;
                Slot slot = slots[rnd.nextInt(INODES)];
                slot.lock.lock();
                try {
                    if (!slot.dead) {
                        operate(t, rnd, slot, held);
                    }
                } finally {
                    slot.lock.unlock();
                }
                if (held.size() > 3 || rnd.nextInt(4) == 0) {
                    Object[] ref = held.poll();
                    if (ref != null) {
                        t.fs.nodes().releaseDelayedNode((DelayedNode) ref[0], (BtrfsRefTracker) ref[1]);
                    }
                }
                t.fs.workers().balanceDelayedItems();
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            for (Object[] ref : held) {
                t.fs.nodes().releaseDelayedNode((DelayedNode) ref[0], (BtrfsRefTracker) ref[1]);
            }
        }
    }

    private static void operate(TestFs t, Random rnd, Slot slot, Deque<Object[]> held) {
        int dice = rnd.nextInt(100);
        if (dice < 40) {
            t.fs.items().insertDelayedDirIndex(t.trans(), "e", slot.inode, 300, slot.nextIndex++);
        } else if (dice < 50) {
            t.fs.items().deleteDelayedDirIndex(t.trans(), slot.inode, 2 + rnd.nextInt((int) slot.nextIndex));
        } else if (dice < 65) {
            t.fs.items().delayedUpdateInode(t.trans(), slot.inode);
        } else if (dice < 75) {
            BtrfsRefTracker tracker = new BtrfsRefTracker();
            DelayedNode node = t.fs.nodes().getDelayedNode(slot.inode, tracker);
            if (node != null) {
                held.add(new Object[] {node, tracker});
            }
        } else if (dice < 82) {
            t.fs.runner().commitInodeDelayedItems(t.trans(), slot.inode);
        } else if (dice < 90) {
            t.fs.teardown().evictInode(slot.inode, false);
            slot.inode = t.fs.readInode(slot.inode.root(), slot.inode.ino(), true);
        } else if (dice < 93) {
            t.fs.commitTransaction();
        } else {
            t.fs.readers().readdirPutDelayedItems(t.fs.readers().readdirGetDelayedItems(slot.inode, Long.MAX_VALUE));
        }
    }

    private static void checkRefsEqualHolders(TestFs t, Slot[] live) {
        Map<Long, BtrfsInode> byIno = new HashMap<>();
        for (Slot slot : live) {
            byIno.put(slot.inode.ino(), slot.inode);
        }
        for (DelayedNode node : t.root.delayedNodes()) {
            int expected = (byIno.get(node.inodeId()).cachedDelayedNode() == node ? 1 : 0) + (node.inList() ? 1 : 0);
            assertThat(node.refs()).as("refs of %s", node).isEqualTo(expected);
            assertThat(node.refDir().liveCount()).as("trackers of %s", node).isEqualTo(expected);
        }
    }
}
