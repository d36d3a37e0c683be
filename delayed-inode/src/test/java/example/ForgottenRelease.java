package example;

import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.BtrfsFs;
import io.github.reftrack.delayedinode.BtrfsInode;
import io.github.reftrack.delayedinode.BtrfsRefTracker;
import io.github.reftrack.delayedinode.KillAllStuckException;
import io.github.reftrack.delayedinode.MountOptions;
import io.github.reftrack.delayedinode.SubvolRoot;
import java.time.Duration;

/**
 * A lookup whose release was forgotten, then the subvolume's teardown: kill-all prints the node
 * it pinned, gives up at its deadline and names the leaking get. The delayed-inode README shows
 * what it prints; run it with {@code java -cp <delayed-inode and reftrack-core> ForgottenRelease.java}.
 */
public final class ForgottenRelease {
    private ForgottenRelease() {
    }

    public static void main(String[] args) {
        MountOptions options = MountOptions.builder().tracking(RefTracking.Mode.FULL).workerThreads(0)
                .killAllReportAfter(Duration.ofMillis(20)).killAllDeadline(Duration.ofMillis(200))
                .printSink(report -> System.out.print("[kill-all print]\n" + report))
                .build();
        try (BtrfsFs fs = BtrfsFs.mount(options)) {
            SubvolRoot root = fs.createSubvolume(257);
            BtrfsInode dir = fs.createInode(root, 258, true);
            fs.items().delayedUpdateInode(fs.joinTransaction(), dir);
            fs.runner().commitInodeDelayedItems(fs.joinTransaction(), dir);
            lookupForgetsRelease(fs, dir);
            fs.teardown().evictInode(dir, false);
            try {
                fs.teardown().killAllDelayedNodes(root);
            } catch (KillAllStuckException e) {
                System.out.println("[exception]\n" + e.getMessage());
            }
        }
    }

    private static void lookupForgetsRelease(BtrfsFs fs, BtrfsInode dir) {
        fs.nodes().getDelayedNode(dir, new BtrfsRefTracker());
    }
}
