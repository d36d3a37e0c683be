package io.github.reftrack.internal.engine;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.HeldReference;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.internal.capture.RawCapture;
import io.github.reftrack.internal.capture.StackRef;
import io.github.reftrack.internal.context.Contexts;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The ledger of a directory that records ({@code full} and {@code sample} modes): every live and
 * released tracker, the counts, and the rules. {@link TrackingRefTrackerDir} is the handle users
 * hold; the registry holds the ledger, so a directory dropped without {@code close()} can still
 * be reported when the garbage collector finds its handle.
 *
 * <h2>Design</h2>
 *
 * <p>Each directory has one lock ({@code lock}). It guards the {@link TrackerList} (the live list,
 * newest first, and the FIFO quarantine, both intrusive through the trackers' own links, with
 * their counts), every tracker's mutable fields ({@code state}, {@code allocStack},
 * {@code freeStack}, links, watch) and the directory's own {@code lost}, {@code closed} and
 * {@code promotionQueued}. Grouping a report ({@link Grouping}) works on a copy, outside the lock.
 *
 * <p>Everything slow happens outside the lock: capturing the stack (the runtime's capture
 * source, about a microsecond) and reading the context tag (only when the directory was created
 * with something to ask, see {@link Contexts}) before taking it, and decoding, interning, rendering and event
 * delivery after releasing it. The lock is held for a few pointer writes, which is why one shared directory
 * scales like two separate ones. Untracked references (sampled out, capture failed,
 * {@code allocUntracked}) never take the lock: {@link Untracked} counts them. Misuse is reported
 * once per directory and kind by its {@link MisuseReporter}; names come from {@link DirectoryName}.
 *
 * <p><b>Capture cheap, decode late.</b> A tracker starts with the raw capture (for the Java
 * source, a compact VM backtrace whose size grows with the stack depth). Stacks are decoded and
 * interned in the runtime's stack depot only for trackers that live long enough or get reported:
 * the first tracker linked after a promotion queues the directory for the housekeeping thread, which interns the
 * stacks of every tracker live at its next pass ({@link #promote()}); a report interns the stacks
 * it shows. Newest trackers sit at the head, so the raw ones always form a prefix of the live
 * list and a promotion walks only that prefix. Once interned, a live tracker costs one 48-byte
 * object whatever the depth.
 *
 * <p><b>Guarantees.</b>
 * <ol>
 *   <li>A report is an atomic snapshot: it shows exactly the trackers live at the instant its
 *       lock was held, whatever alloc, free or close run concurrently.</li>
 *   <li>Each tracker is released at most once: the second {@code free} sees {@code state} no
 *       longer {@code LIVE} under the lock, changes nothing, and reports the double release with
 *       the first release's stack, also after the tracker left the quarantine. The state decides,
 *       never the presence of a stack: a release whose stack could not be captured is still a
 *       release, and the report says its stack is missing.</li>
 *   <li>Leaks are reported exactly once: the first {@code close} sets {@code closed} and takes
 *       the live list under the lock; later closes see {@code closed} and return. A directory
 *       whose handle is garbage-collected first is closed by the registry, on the housekeeping
 *       thread, and reported through {@code onAbandonedDirectory} instead of {@code onLeak}.</li>
 *   <li>After {@code close} the directory still accepts calls (the kernel warns and carries on):
 *       {@code alloc} links the tracker to a list nobody reports, {@code free} marks it released;
 *       each is reported once as misuse.</li>
 *   <li>No user code (listener, logger) runs while the lock is held.</li>
 *   <li>A caller that runs out of stack or heap inside {@code alloc} or {@code free} gets either
 *       an error and an unchanged directory, or the normal result: the list moves call no method
 *       (a call can overflow on entry) and run before the plain field writes, and nothing after
 *       the count or the release may throw past the caller. {@code AdversarialTest} checks this
 *       at every depth near the end of the stack.</li>
 * </ol>
 */
final class Ledger {
    private final Engine engine;
    private final DirectorySettings settings;
    private final DirectoryName dirName;
    private final String className;
    private final String name;
    private final TrackerList trackers;
    /** Read on every alloc, so a field of its own. */
    private final int sampleInterval;
    private final MisuseReporter misuse;
    private final Untracked untracked;
    /** What each tracked alloc asks for its context tag; {@code null} (no work) when nothing is configured. */
    private final Contexts contexts;
    private final Object lock = new Object();

    // Guarded by lock.
    private int lost;
    private boolean promotionQueued;
    /** Written under lock; read without it on paths that only decide whether to warn. */
    private volatile boolean closed;
    /**
     * Set by the first {@code alloc}; in {@code sample} mode that reference always gets a stack, so
     * every directory shows at least where it was first taken. Written once, read on every alloc
     * (racing first allocs may both record, which is harmless).
     */
    private volatile boolean firstTaken;

    Ledger(Engine engine, DirectorySettings settings) {
        this.engine = engine;
        this.settings = settings;
        this.dirName = DirectoryName.next(settings.className());
        this.className = settings.className();
        this.name = dirName.toString();
        this.trackers = new TrackerList(settings.quarantine());
        this.sampleInterval = settings.sampleInterval();
        this.misuse = new MisuseReporter(engine, className, name);
        this.untracked = new Untracked(this, misuse, sampleInterval);
        this.contexts = engine.contextsForNewDirectory();
    }

    long id() {
        return dirName.id();
    }

    Engine engine() {
        return engine;
    }

    /** Creation order, for listing directories oldest first (the id is scrambled). */
    long sequence() {
        return dirName.sequence();
    }

    String name() {
        return name;
    }

    String className() {
        return className;
    }

    RefTracking.Mode mode() {
        return settings.mode();
    }

    RefTracker alloc(String holder) {
        if (sampleInterval > 1 && !sampled()) {
            return untracked.alloc();
        }
        RawCapture capture = engine.capture().capture();
        if (capture == null) {
            misuse.at(Misuse.Kind.CAPTURE_FAILED, "memory allocation failure, unreliable refcount tracker: the stack"
                    + " could not be captured, so the reference is counted without one", null);
            return untracked.alloc();
        }
        String context = contexts == null ? null : contexts.current();
        Tracker record;
        RefTracker handle;
        LostWatch watch = null;
        if (settings.detectLost()) {
            WatchedTracker watched = new WatchedTracker(this, holder, context);
            TrackerHandle watchedHandle = new TrackerHandle(watched);
            watch = new LostWatch(watchedHandle, engine.housekeeper().collected);
            record = watched;
            handle = watchedHandle;
        } else {
            record = new Tracker(this, holder, context);
            handle = record;
        }
        record.allocStack = capture;
        record.allocNanos = engine.nanoTime();
        boolean queuePromotion;
        boolean afterClose;
        synchronized (lock) {
            afterClose = closed;
            trackers.addLive(record);
            if (watch != null) {
                ((WatchedTracker) record).watch(watch);
            }
            queuePromotion = !promotionQueued && !afterClose;
            if (queuePromotion) {
                // Written only when it changes: this object's other fields are read outside the
                // lock on every call, and a store here on every alloc bounced their cache line
                // between threads sharing the directory.
                promotionQueued = true;
            }
        }
        // The reference is counted now: nothing below may throw past the caller, who would then
        // hold a reference without its tracker (a stack or heap running out here, for instance).
        try {
            if (queuePromotion) {
                engine.housekeeper().queuePromotion(this);
            }
            if (afterClose) {
                misuse.at(Misuse.Kind.ALLOC_AFTER_CLOSE, "alloc() after close(): the tracker is recorded but this"
                        + " directory will never report it; take references only while the object is alive",
                        capture);
            }
        } catch (VirtualMachineError e) {
            if (queuePromotion) {
                promotionNotQueued();
            }
        }
        return handle;
    }

    /** Whether a reference of a sampling directory gets a stack: its first, then the thread's one in N. */
    private boolean sampled() {
        if (!firstTaken) {
            firstTaken = true;
            engine.sampler().restart(sampleInterval);
            return true;
        }
        return engine.sampler().sample(sampleInterval);
    }

    /** Queuing the promotion failed: let a later alloc queue it. */
    private void promotionNotQueued() {
        try {
            synchronized (lock) {
                promotionQueued = false;
            }
        } catch (VirtualMachineError e) {
            // still out of stack: this directory's young stacks are interned by its next report
        }
    }

    boolean free(RefTracker handle) {
        if (handle == Tracker.UNTRACKED) {
            return untracked.free();
        }
        Tracker record = handle instanceof TrackerHandle ? ((TrackerHandle) handle).record : (Tracker) handle;
        if (record == null || record.dir != this) {
            misuse.refused(record);
            return false;
        }
        RawCapture capture = engine.capture().capture();
        boolean released;
        StackRef allocStack;
        StackRef firstFree;
        boolean pastQuarantine;
        boolean afterClose;
        synchronized (lock) {
            afterClose = closed;
            released = record.state == Tracker.LIVE || record.state == Tracker.ORPHANED;
            if (released) {
                release(record, capture);
            }
            allocStack = record.allocStack;
            firstFree = record.freeStack;
            pastQuarantine = record.state == Tracker.EVICTED;
        }
        try {
            Reference.reachabilityFence(handle);
            if (afterClose) {
                misuse.at(Misuse.Kind.FREE_AFTER_CLOSE, "free() after close(): release references before the"
                        + " directory is closed", capture);
            }
        } catch (VirtualMachineError e) {
            // the release is done: the caller must learn so, not retry it into a double release
        }
        if (released) {
            return true;
        }
        String note = firstFree != null ? null
                : "the first release's stack could not be captured (no memory or no stack left at that moment)";
        engine.events().doubleRelease(new DoubleRelease(className, name, record.holder(), engine.callStack(allocStack),
                engine.callStack(firstFree), engine.callStack(capture), pastQuarantine, note, record.context()));
        return false;
    }

    /** Moves a live record to the quarantine. Caller holds lock. */
    private void release(Tracker record, RawCapture capture) {
        // The list move first: it either does not start (a call can overflow the stack on entry)
        // or finishes, and the plain field writes after it cannot fail.
        trackers.released(record, record.state == Tracker.LIVE, !closed);
        record.freeStack = capture;
        LostWatch watch = record.unwatch();
        if (watch != null) {
            try {
                watch.clear();
            } catch (StackOverflowError e) {
                // the watch may still fire; lost() ignores a tracker that is no longer live
            }
        }
    }

    void allocUntracked() {
        untracked.allocNoTracker();
    }

    void freeUntracked() {
        untracked.freeNoTracker();
    }

    int liveCount() {
        int tracked;
        synchronized (lock) {
            tracked = trackers.liveCount();
        }
        return tracked + untracked.outstanding();
    }

    RefTrackerDir.Stats stats() {
        synchronized (lock) {
            Tracker oldest = trackers.oldestLive();
            Duration oldestAge = oldest == null ? Duration.ZERO
                    : Duration.ofNanos(Math.max(0, engine.nanoTime() - oldest.allocNanos));
            return new RefTrackerDir.Stats(trackers.liveCount(), untracked.stackless(), untracked.noTracker(),
                    trackers.quarantined(), lost, trackers.releasedTotal(), oldestAge,
                    engine.housekeeper().failures());
        }
    }

    LeakReport report(int displayLimit) {
        Checks.displayLimit(displayLimit);
        LiveSnapshot snapshot;
        synchronized (lock) {
            snapshot = LiveSnapshot.of(trackers, Integer.MAX_VALUE);
        }
        return report(snapshot, displayLimit);
    }

    private LeakReport report(LiveSnapshot snapshot, int displayLimit) {
        Grouping grouping = new Grouping(displayLimit);
        snapshot.groupInto(grouping, engine.depot(), lock);
        return new LeakReport(className, name, snapshot.size(), grouping.skipped(), grouping.groups(engine.nanoTime()),
                Math.max(0, untracked.stackless()));
    }

    /**
     * Interns the stacks of the trackers linked since the last promotion: the raw prefix of the
     * live list. Called by the housekeeping thread.
     */
    void promote() {
        LiveSnapshot raw;
        synchronized (lock) {
            promotionQueued = false;
            raw = LiveSnapshot.of(trackers, trackers.rawPrefix());
        }
        raw.intern(engine.depot(), lock);
    }

    /** The {@code n} oldest live references, oldest first, with their ages now. */
    List<HeldReference> oldest(int n) {
        LiveSnapshot oldest;
        synchronized (lock) {
            oldest = LiveSnapshot.oldest(trackers, n);
        }
        return oldest.held(className, name, engine);
    }

    void print(int displayLimit) {
        engine.events().print(report(displayLimit));
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Closes the ledger. {@code abandoned} says the handle was garbage-collected without
     * {@code close()}: the registry found it, and the report says so.
     */
    void close(boolean abandoned) {
        LiveSnapshot leaked;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            leaked = LiveSnapshot.of(trackers, Integer.MAX_VALUE);
            trackers.clearAtClose();
        }
        engine.directories().unregister(this);
        if (abandoned) {
            int unbalanced = untracked.stackless() + untracked.noTracker();
            if (leaked.size() > 0 || unbalanced != 0) {
                engine.events().abandoned(new AbandonedDirectory(report(leaked, RefTrackerDir.DEFAULT_DISPLAY_LIMIT),
                        unbalanced));
            }
            return;
        }
        try {
            // References counted without a stack are leaked references like the others: the report
            // says how many there are besides the stacks it shows.
            if (leaked.size() > 0 || untracked.stackless() > 0) {
                engine.events().leak(report(leaked, RefTrackerDir.DEFAULT_DISPLAY_LIMIT));
            }
        } finally {
            untracked.checkAtClose();
        }
    }

    /** Reports a lost reference found by the housekeeping thread. */
    void lost(Tracker record) {
        StackRef stack;
        synchronized (lock) {
            if (record.state != Tracker.LIVE) {
                return;
            }
            trackers.removeLive(record);
            lost++;
            record.state = Tracker.LOST;
            record.unwatch();
            stack = record.allocStack;
        }
        engine.events().lost(new LostReference(className, name, record.holder(), engine.callStack(stack)));
    }

    @Override
    public String toString() {
        return "RefTrackerDir[" + name + ", " + settings.mode().name().toLowerCase(Locale.ROOT) + "]";
    }
}
