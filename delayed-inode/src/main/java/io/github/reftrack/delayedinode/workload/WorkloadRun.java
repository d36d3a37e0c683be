package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.BtrfsFs;
import io.github.reftrack.delayedinode.KillAllStuckException;
import io.github.reftrack.delayedinode.MountOptions;
import io.github.reftrack.delayedinode.SubvolRoot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a {@link Workload}: mount, traffic threads ({@link TrafficThread}), a targeted step
 * if the armed injection site did not fire during the traffic, then subvolume deletion (stop the
 * workers, one last dir-index insert, evict every inode) and a bounded {@code killAllDelayedNodes}.
 */
final class WorkloadRun {
    static final long ROOT_ID = 257;

    private final Workload.Settings settings;

    WorkloadRun(Workload.Settings settings) {
        this.settings = settings;
    }

    WorkloadResult run() throws InterruptedException {
        long start = System.nanoTime();
        boolean tracking = settings.tracking() != RefTracking.Mode.OFF;
        AtomicLong prints = new AtomicLong();
        Duration deadline = settings.killAllDeadline();
        MountOptions options = MountOptions.builder()
                .refTracker(tracking)
                .tracking(settings.tracking())
                .workerThreads(2)
                .inject(settings.inject())
                .killAllReportAfter(deadline.dividedBy(2))
                .killAllDeadline(deadline)
                .printSink(report -> prints.incrementAndGet())
                .build();
        BtrfsFs fs = BtrfsFs.mount(options);
        try {
            SubvolRoot root = fs.createSubvolume(ROOT_ID);
            Inodes inodes = new Inodes(fs, root);
            settings.progress().accept("mounted: tracking " + settings.tracking().name().toLowerCase()
                    + (settings.inject() != null ? ", injecting " + settings.inject().cliName() : "")
                    + "; " + settings.threads() + " threads, " + settings.ops() + " operations, seed "
                    + settings.seed());
            long operations = traffic(fs, inodes);
            settings.progress().accept("traffic done: " + operations + " operations, " + fs.nodesCreated()
                    + " delayed nodes created, " + fs.delayedRoot().items() + " items pending");
            if (settings.inject() != null && !fs.injectionFired()) {
                new Provoker(fs, inodes).provoke(settings.inject());
                settings.progress().accept("provoked " + settings.inject().cliName() + ": fired "
                        + fs.injectionFired());
            }
            return deleteSubvolume(fs, root, inodes, operations, start, prints);
        } finally {
            fs.close();
        }
    }

    private long traffic(BtrfsFs fs, Inodes inodes) throws InterruptedException {
        int threads = settings.threads();
        AtomicLong done = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            long share = settings.ops() / threads + (t < settings.ops() % threads ? 1 : 0);
            TrafficThread traffic = new TrafficThread(fs, inodes, settings.seed() * 1_000_003L + t, share, done);
            Thread thread = new Thread(() -> {
                try {
                    traffic.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "workload-" + t);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a traffic thread failed (seed " + settings.seed() + ")", failure.get());
        }
        return done.get();
    }

    private WorkloadResult deleteSubvolume(BtrfsFs fs, SubvolRoot root, Inodes inodes, long operations, long start,
            AtomicLong prints) {
        // Workers stop first: a flush racing the last insert could otherwise empty the subvolume's
        // index before kill-all, and an armed kill-all-pin would have no node to pin.
        fs.close();
        inodes.finalInsert();
        inodes.evictAll();
        settings.progress().accept("subvolume " + ROOT_ID + " deleted: " + root.delayedNodeCount()
                + " delayed nodes left for killAllDelayedNodes");
        boolean completed = true;
        List<Long> stuck = List.of();
        List<LeakReport> reports = List.of();
        try {
            fs.teardown().killAllDelayedNodes(root);
            settings.progress().accept("killAllDelayedNodes done (" + prints.get() + " node reports printed)");
        } catch (KillAllStuckException e) {
            completed = false;
            stuck = e.stuckInodes();
            reports = e.reports();
            settings.progress().accept("killAllDelayedNodes gave up after " + settings.killAllDeadline().toMillis()
                    + " ms: stuck inodes " + stuck);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new WorkloadResult(operations, elapsed, fs.nodesCreated(), completed, stuck, reports,
                fs.refcountWarnings().count(), root);
    }
}
