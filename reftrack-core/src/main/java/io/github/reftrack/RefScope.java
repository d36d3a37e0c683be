package io.github.reftrack;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A span of a program (a test, a test class) that claims the tracked objects born while it runs,
 * so that it can check at its end, without waiting for the GC, which of them still hold
 * references. The bridge between a test framework and a tracker of objects it cannot see: the
 * reftrack JUnit extension opens and binds scopes; the reftrack agent asks
 * {@link #claimant()} at each object's birth and {@linkplain #claim claims} the object for it.
 * Neither depends on the other; without a tracker that claims, a scope stays empty.
 *
 * <p><b>Which scope claims a birth.</b> The scope {@linkplain #bind bound} to the calling thread,
 * if any (a test binds its scope to the thread that runs it). On a thread without one (an event
 * loop, an executor), the scope opened with {@code otherThreads} (a test class) if all such open
 * scopes share one outermost scope: that one. When several unrelated ones are open (test classes
 * running in parallel), nobody claims the birth: which class caused it is unknown, so it is left
 * to the GC-based detection, which reports it when the object is collected.
 *
 * <pre>{@code
 * RefScope test = RefScope.open("[method:leaks()]", "leaks()", classScope, false);
 * RefScope previous = test.bind();
 * try {
 *     runTheTest();
 * } finally {
 *     RefScope.restore(previous);
 *     test.close();
 * }
 * List<LeakReport> left = test.held();   // objects born in the test still holding references
 * }</pre>
 *
 * <p>Cost: a birth outside any scope costs a thread-local read and a volatile read; inside one, a
 * queue insertion. Claims that hold nothing any more are dropped as the queue grows, so a long
 * test does not keep one entry per object it ever made.
 *
 * <p>Thread-safe.
 */
public final class RefScope implements AutoCloseable {
    /**
     * System property: the baseline file ({@code reftrack-baseline.json}) whose fingerprints a
     * scope's check accepts; set by {@code reftrack-maven-plugin}'s {@code prepare-agent}.
     */
    public static final String BASELINE_PROPERTY = "reftrack.baseline";

    /** An object claimed by a scope, as the tracker that claimed it sees it. */
    public interface Claim {
        /**
         * Returns whether the object still holds references (reachable or not), or was reported
         * leaked by the GC since it was claimed.
         *
         * @return {@code true} if {@link #report()} has something to say
         */
        boolean holds();

        /**
         * Returns the object's outstanding references, grouped by the stacks that took them.
         *
         * @return the report, with {@link LeakReport.Group#objects()} 1; empty if it holds nothing
         */
        LeakReport report();
    }

    private static final ThreadLocal<RefScope> BOUND = new ThreadLocal<>();
    private static final Set<RefScope> OTHER_THREADS = ConcurrentHashMap.newKeySet();
    private static final Set<String> MANAGED = ConcurrentHashMap.newKeySet();
    private static final int PRUNE_EVERY = 4096;
    /** The scope claiming other threads' births, or null when none or several unrelated are open. */
    private static volatile RefScope othersClaimant;

    private final String id;
    private final String name;
    private final RefScope parent;
    private final boolean otherThreads;
    private final ConcurrentLinkedQueue<Claim> claims = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sincePrune = new AtomicInteger();
    private volatile boolean closed;

    private RefScope(String id, String name, RefScope parent, boolean otherThreads) {
        this.id = id;
        this.name = name;
        this.parent = parent;
        this.otherThreads = otherThreads;
    }

    /**
     * Opens a scope.
     *
     * @param id           a unique id, e.g. JUnit's unique id of the test
     * @param name         what reports call it, e.g. the test's display name
     * @param parent       the enclosing scope, or {@code null}
     * @param otherThreads whether it claims births on threads bound to no scope while it is open
     * @return the open scope, bound to no thread yet
     * @throws NullPointerException if {@code id} or {@code name} is null
     */
    public static RefScope open(String id, String name, RefScope parent, boolean otherThreads) {
        RefScope scope = new RefScope(Objects.requireNonNull(id, "id"), Objects.requireNonNull(name, "name"),
                parent, otherThreads);
        if (otherThreads) {
            OTHER_THREADS.add(scope);
            electOthersClaimant();
        }
        return scope;
    }

    /**
     * Returns the scope that claims an object born now on the calling thread (see the class
     * comment), or {@code null}.
     *
     * @return the claiming scope, or {@code null} if none claims
     */
    public static RefScope claimant() {
        RefScope bound = BOUND.get();
        if (bound != null && !bound.closed) {
            return bound;
        }
        return othersClaimant;
    }

    /**
     * Declares the directory classes whose objects a tracker claims in scopes (the agent's, e.g.
     * {@code netty_bytebuf}): a check leaves their directories to the scopes instead of comparing
     * live counts, and does not blame the running test for their GC-found leaks.
     *
     * @param classNames the directory classes
     */
    public static void manage(Collection<String> classNames) {
        MANAGED.addAll(classNames);
    }

    /**
     * Returns whether objects of a directory class are claimed by scopes.
     *
     * @param className a directory class
     * @return {@code true} if a tracker declared it with {@link #manage}
     */
    public static boolean managed(String className) {
        return MANAGED.contains(className);
    }

    /**
     * Returns whether a tracker claims objects in scopes at all.
     *
     * @return {@code true} once a tracker called {@link #manage} with a class
     */
    public static boolean active() {
        return !MANAGED.isEmpty();
    }

    /**
     * Binds this scope to the calling thread: births on it are claimed by this scope.
     *
     * @return the scope bound before, to pass to {@link #restore}
     */
    public RefScope bind() {
        RefScope previous = BOUND.get();
        BOUND.set(this);
        return previous;
    }

    /**
     * Binds {@code previous} (as returned by {@link #bind}) to the calling thread again.
     *
     * @param previous a scope, or {@code null} for none
     */
    public static void restore(RefScope previous) {
        if (previous == null) {
            BOUND.remove();
        } else {
            BOUND.set(previous);
        }
    }

    /**
     * Claims an object born in this scope. Called by trackers.
     *
     * @param claim the object as the tracker sees it
     */
    public void claim(Claim claim) {
        claims.add(Objects.requireNonNull(claim, "claim"));
        if (sincePrune.incrementAndGet() >= PRUNE_EVERY) {
            sincePrune.set(0);
            claims.removeIf(c -> !c.holds());
        }
    }

    /**
     * Returns the reports of the claimed objects that still hold references, one per object,
     * in order of birth.
     *
     * @return the reports; empty if every claimed object let go of its references
     */
    public List<LeakReport> held() {
        List<LeakReport> held = new ArrayList<>();
        for (Iterator<Claim> it = claims.iterator(); it.hasNext();) {
            Claim claim = it.next();
            if (claim.holds()) {
                LeakReport report = claim.report();
                if (!report.isEmpty()) {
                    held.add(report);
                }
            }
        }
        return held;
    }

    /**
     * Returns the id given to {@link #open}.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the name given to {@link #open}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Closes the scope: it claims no more births. Its claims stay readable through {@link #held}.
     * Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        if (otherThreads && OTHER_THREADS.remove(this)) {
            electOthersClaimant();
        }
    }

    private RefScope root() {
        RefScope root = this;
        while (root.parent != null) {
            root = root.parent;
        }
        return root;
    }

    private static synchronized void electOthersClaimant() {
        RefScope elected = null;
        for (RefScope scope : OTHER_THREADS) {
            RefScope root = scope.root();
            if (elected == null) {
                elected = root;
            } else if (elected != root) {
                othersClaimant = null;
                return;
            }
        }
        othersClaimant = elected;
    }

    @Override
    public String toString() {
        return "RefScope[" + name + (closed ? ", closed" : "") + ']';
    }
}
