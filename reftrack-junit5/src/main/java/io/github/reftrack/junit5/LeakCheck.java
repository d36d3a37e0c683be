package io.github.reftrack.junit5;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.RefScope;
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
 * <p>Objects the reftrack agent tracks are claimed by the check's {@link RefScope} when they are
 * born (see {@link ScopeLeaks}); their directories are left out of the comparison of live counts,
 * and leaks the GC finds among them are not blamed on the scope that happens to be running.
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
    private final RefScope scope;
    private final Allowances allowances;
    /** What was bound to the thread before {@link #scope}, put back when the check finishes. */
    private final RefScope previousBinding;

    /**
     * Starts a check.
     *
     * @param scope      the scope claiming the agent's objects born in it, or {@code null}; bound
     *                   to the calling thread until {@link #finish}
     * @param allowances what may outlive the scope
     */
    LeakCheck(LeakCheckExtension owner, String scopeId, RefScope scope, Allowances allowances) {
        this.owner = owner;
        this.scopeId = scopeId;
        this.scope = scope;
        this.allowances = allowances;
        this.previousBinding = scope == null ? null : scope.bind();
        for (RefTrackerDir dir : RefTracking.registry().directories()) {
            if (!RefScope.managed(dir.className())) {
                baseline.put(dir.name(), dir.liveCount());
            }
        }
        this.registration = RefTracking.addListener(this);
    }

    boolean isOwnedBy(LeakCheckExtension extension, String uniqueId) {
        return owner == extension && scopeId.equals(uniqueId);
    }

    @Override
    public void onLeak(LeakReport report) {
        if (!RefScope.managed(report.className())) {
            closedWithLeaks.add(report);
        }
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
        ScopeLeaks born;
        if (scope != null) {
            RefScope.restore(previousBinding);
        }
        try {
            leftovers = awaitBaseline(gracePeriod, displayLimit);
            born = ScopeLeaks.of(scope, allowances, displayLimit);
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
        if (born.problem() != null) {
            notes.add(born.problem());
        }
        if (reports.isEmpty() && born.isEmpty() && doubleReleases.isEmpty() && lostReferences.isEmpty()) {
            return null;
        }
        return new ReferenceLeakError(testName, gracePeriod, reports, born.reports(), notes,
                List.copyOf(doubleReleases), List.copyOf(lostReferences));
    }

    private List<Leftover> awaitBaseline(Duration gracePeriod, int displayLimit) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        List<Leftover> leftovers = leftovers();
        while ((!leftovers.isEmpty() || !ScopeLeaks.of(scope, allowances, displayLimit).isEmpty())
                && deadline - System.nanoTime() > 0) {
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
            if (RefScope.managed(dir.className())) {
                continue;
            }
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
        if (scope != null) {
            scope.close();
        }
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
