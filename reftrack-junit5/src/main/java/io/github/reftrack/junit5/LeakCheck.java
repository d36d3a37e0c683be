package io.github.reftrack.junit5;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One check of one scope (a test method, or a whole class): the baseline taken when the scope
 * starts, the events heard while it runs, and the comparison when it ends.
 *
 * <p>The baseline maps each open directory's name (unique in the process) to its live count;
 * directories are not held, so the check does not keep them from being collected. When the
 * scope ends, a directory has leaked if its live count is above its baseline (0 for a directory
 * created during the scope). The check polls for up to the grace period, so that references
 * released asynchronously (an executor, a callback) have time to come back.
 *
 * <p>Thread safety: {@code baseline} is written in the constructor and only read afterwards;
 * the event queues are concurrent, because listeners run on whatever thread detected the event.
 */
final class LeakCheck implements ExtensionContext.Store.CloseableResource, RefTrackerListener {
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final LeakCheckExtension owner;
    private final String scopeId;
    private final Map<String, Integer> baseline = new HashMap<>();
    private final ConcurrentLinkedQueue<LeakReport> closedWithLeaks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<DoubleRelease> doubleReleases = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<LostReference> lostReferences = new ConcurrentLinkedQueue<>();
    private final RefTracking.Registration registration;

    LeakCheck(LeakCheckExtension owner, String scopeId) {
        this.owner = owner;
        this.scopeId = scopeId;
        for (RefTrackerDir dir : RefTracking.registry().directories()) {
            baseline.put(dir.name(), dir.liveCount());
        }
        this.registration = RefTracking.addListener(this);
    }

    boolean isOwnedBy(LeakCheckExtension extension, String uniqueId) {
        return owner == extension && scopeId.equals(uniqueId);
    }

    @Override
    public void onLeak(LeakReport report) {
        closedWithLeaks.add(report);
    }

    @Override
    public void onDoubleRelease(DoubleRelease event) {
        doubleReleases.add(event);
    }

    @Override
    public void onLostReference(LostReference event) {
        lostReferences.add(event);
    }

    /**
     * Ends the check: waits up to {@code gracePeriod} for live counts to come back to the
     * baseline, stops listening, and describes what is wrong.
     *
     * @return the failure to report, or {@code null} if the scope was clean
     */
    ReferenceLeakError finish(String testName, Duration gracePeriod, int displayLimit) {
        List<Leftover> leftovers;
        try {
            leftovers = awaitBaseline(gracePeriod);
        } finally {
            close();
        }
        List<LeakReport> reports = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Leftover leftover : leftovers) {
            LeakReport report = leftover.dir.report(displayLimit);
            reports.add(report);
            if (leftover.before > 0 || report.totalUsers() < leftover.now) {
                notes.add(leftover.describe(report));
            }
        }
        reports.addAll(closedWithLeaks);
        if (reports.isEmpty() && doubleReleases.isEmpty() && lostReferences.isEmpty()) {
            return null;
        }
        return new ReferenceLeakError(testName, gracePeriod, reports, notes, List.copyOf(doubleReleases),
                List.copyOf(lostReferences));
    }

    private List<Leftover> awaitBaseline(Duration gracePeriod) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        List<Leftover> leftovers = leftovers();
        while (!leftovers.isEmpty() && deadline - System.nanoTime() > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(POLL_NANOS, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                // Report what is left now, and let the test runner see the interrupt.
                Thread.currentThread().interrupt();
                return leftovers();
            }
            leftovers = leftovers();
        }
        return leftovers;
    }

    private List<Leftover> leftovers() {
        List<Leftover> leftovers = new ArrayList<>();
        for (RefTrackerDir dir : RefTracking.registry().directories()) {
            int before = baseline.getOrDefault(dir.name(), 0);
            int now = dir.liveCount();
            if (now > before) {
                leftovers.add(new Leftover(dir, before, now));
            }
        }
        return leftovers;
    }

    /** Stops listening. Idempotent; also called by JUnit when the scope's store is closed. */
    @Override
    public void close() {
        registration.close();
    }

    private static final class Leftover {
        final RefTrackerDir dir;
        final int before;
        final int now;

        Leftover(RefTrackerDir dir, int before, int now) {
            this.dir = dir;
            this.before = before;
            this.now = now;
        }

        String describe(LeakReport report) {
            RefTrackerDir.Stats stats = dir.stats();
            int unnamed = Math.max(0, stats.untracked()) + Math.max(0, stats.noTracker());
            return dir.name() + " had " + before + " live reference(s) before and " + now + " after"
                    + (unnamed > 0 ? "; " + unnamed + " of them have no stack (sampled out or untracked)" : "");
        }
    }
}
