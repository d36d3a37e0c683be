package io.github.reftrack.delayedinode;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mounted filesystem for one test: subvolume 5, manual async workers (0 threads), kill-all
 * prints collected, and the reftrack events seen while it is open.
 */
final class TestFs implements AutoCloseable {
    final BtrfsFs fs;
    final SubvolRoot root;
    final List<LeakReport> prints = new CopyOnWriteArrayList<>();
    final List<LeakReport> leaks = new CopyOnWriteArrayList<>();
    final List<DoubleRelease> doubleReleases = new CopyOnWriteArrayList<>();
    final List<Misuse> misuses = new CopyOnWriteArrayList<>();
    private final RefTracking.Registration registration;

    private TestFs(MountOptions.Builder options) {
        this.fs = BtrfsFs.mount(options.printSink(prints::add).build());
        this.root = fs.createSubvolume(5);
        this.registration = RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                leaks.add(report);
            }

            @Override
            public void onDoubleRelease(DoubleRelease event) {
                doubleReleases.add(event);
            }

            @Override
            public void onMisuse(Misuse event) {
                misuses.add(event);
            }
        });
    }

    /** Tracking on (full mode, mount option on), workers run by hand. */
    static TestFs tracked() {
        return new TestFs(MountOptions.builder().tracking(RefTracking.Mode.FULL).workerThreads(0));
    }

    /** The {@code ref_tracker} mount option off. */
    static TestFs untracked() {
        return new TestFs(MountOptions.builder().refTracker(false).tracking(RefTracking.Mode.FULL).workerThreads(0));
    }

    static TestFs with(MountOptions.Builder options) {
        return new TestFs(options);
    }

    static MountOptions.Builder shortKillAll() {
        return MountOptions.builder().tracking(RefTracking.Mode.FULL).workerThreads(0)
                .killAllReportAfter(Duration.ofMillis(20)).killAllDeadline(Duration.ofMillis(200));
    }

    BtrfsInode dir(long ino) {
        return fs.createInode(root, ino, true);
    }

    BtrfsInode file(long ino) {
        return fs.createInode(root, ino, false);
    }

    Transaction trans() {
        return fs.joinTransaction();
    }

    int insert(BtrfsInode dir, long index) {
        return fs.items().insertDelayedDirIndex(trans(), "name-" + index, dir, 300, index);
    }

    DelayedNode node(BtrfsInode inode) {
        return root.peekDelayedNode(inode.ino);
    }

    List<String> logged() {
        return fs.kernelLog().messages();
    }

    DelayedRoot delayedRoot() {
        return fs.delayedRoot;
    }

    /** Holder names of the node's live trackers, one entry per group ("" for unnamed groups). */
    static List<String> holders(DelayedNode node) {
        return node.refDir.report(16).groups().stream()
                .map(g -> g.holders().isEmpty() ? "" : String.join(",", g.holders())).sorted().toList();
    }

    @Override
    public void close() {
        registration.close();
        fs.close();
    }
}
