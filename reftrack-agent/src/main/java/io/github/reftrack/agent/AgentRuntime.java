package io.github.reftrack.agent;

import io.github.reftrack.RefScope;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import io.github.reftrack.RefTrackingRuntime;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's state, built once by {@link ReftrackAgent}: profiles by class, the pairing policy,
 * sampling, the tracked lifetimes, the queue the GC puts collected objects on, and what reports leaks.
 *
 * <p>Lifetimes live in {@link #tracked} until they end (count zero) or their object is collected.
 * When the agent was loaded at start-up, each object keeps its lifetime in a field the agent
 * added to its class, and {@link #tracked} is only what keeps lifetimes reachable; when it was
 * attached later (retransformation cannot add fields), {@link #tracked} is also the identity side
 * table the hooks look objects up in (its keys are the lifetimes, phantom references to their
 * objects, equal to a {@link Lifetime.Probe} of the same object). It is also where a spec without
 * {@code birth=} finds an object's current lifetime, whatever its field says.
 *
 * <p>Thread-safe. An object has at most one lifetime that has not ended, published once: lifetimes
 * created outside a birth (at a first acquire without {@code birth=}, or after attach) are created
 * under a lock striped by the object's identity, after a look-up in {@link #tracked}, and a lifetime
 * that has ended takes no more references (its object's next acquire starts the next one). A
 * release that finds an ended lifetime in a field (written by another thread's advice a moment
 * late) looks the current one up before it reports a double release.
 */
final class AgentRuntime {
    /** The core runtime the agent's directories, stacks and events belong to. */
    final RefTrackingRuntime core;
    final Pairing pairing;
    final boolean sideTable;
    final Sites sites;
    final LeakFinder leaks;
    /** Releases that matched no known reference: taken before tracking started, or on a sampled-out object. */
    final LongAdder releasedBeforeTracking = new LongAdder();
    private final int sampleInterval;
    /** Every profile starts lifetimes at birth and objects carry them in a field: no lifetime, no tracking. */
    private final boolean birthsOnly;
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    private final ConcurrentHashMap<Object, Lifetime> tracked = new ConcurrentHashMap<>();
    private final ClassValue<Profile> profiles;
    /**
     * How deep each thread is in each scope. In a derived buffer's {@code init} or
     * {@code deallocate}, the references taken and dropped on the parent are the derived buffer's
     * own; in a holder's release, the reference dropped is the holder's: both are known exactly, so
     * they are counted without a tracker and never paired by inference.
     */
    private final ThreadLocal<int[]> scopes = ThreadLocal.withInitial(() -> new int[3]);
    /** Index in {@link #scopes}: in a derived buffer's {@code init} or {@code deallocate}. */
    static final int DERIVED = 0;
    /** Index in {@link #scopes}: in the library's own allocation of memory buffers (never the user's). */
    static final int INTERNAL = 1;
    /** Index in {@link #scopes}: in a holder's release of the reference it held (a composite's component). */
    static final int HOLDER = 2;
    private static final int STRIPES = 64;
    private final Object[] stripes = new Object[STRIPES];
    private final Probing probing;
    /** Each profile's hold threshold in nanoseconds; a profile not here has none. */
    private final Map<Profile, Long> holdNanos;
    /** Whether a lifetime was ever created: if not, the GC can have found nothing to report. */
    private volatile boolean everTracked;
    /** The daemon that reports collected objects as the GC finds them; null until started. */
    private volatile Thread reaper;

    AgentRuntime(RefTrackingRuntime core, List<Profile> profiles, Pairing pairing, int sampleInterval,
            boolean sideTable, Map<Profile, Duration> holdThresholds) {
        this.core = core;
        this.holdNanos = new HashMap<>();
        holdThresholds.forEach((profile, threshold) -> holdNanos.put(profile, threshold.toNanos()));
        this.pairing = pairing;
        this.sampleInterval = sampleInterval;
        this.sideTable = sideTable;
        this.birthsOnly = !sideTable && profiles.stream().allMatch(Profile::hasBirth);
        for (Class<?> own : new Class<?>[] {Hooks.class, AgentRuntime.class, Lifetime.class, LeakFinder.class,
                Sites.class, Pairing.class}) {
            core.frameFilter().dropOwnClass(own.getName());
        }
        this.sites = new Sites(core.frameFilter());
        this.leaks = new LeakFinder(core, pairing, sampleInterval);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        this.probing = new Probing(profiles);
        RefScope.manage(profiles.stream().map(Profile::dirClass).toList());
        this.profiles = new ClassValue<>() {
            @Override
            protected Profile computeValue(Class<?> type) {
                Profile profile = match(profiles, type);
                if (profile != null) {
                    hideTrackedClasses(type, profile);
                }
                return profile;
            }
        };
    }

    /**
     * The tracked class and its superclasses up to the profile's are the library, not the user's
     * call; a relocated copy of the library (its package the profile's hidden prefixes could not
     * name in advance) hides those prefixes under its relocation from now on.
     */
    private void hideTrackedClasses(Class<?> type, Profile profile) {
        for (Class<?> c = type; c != null && TypeNames.extendsNamed(c, profile.typeName()); c = c.getSuperclass()) {
            core.hideWrapperFrames(c);
            String relocation = TypeNames.relocation(profile.typeName(), c.getName());
            if (relocation != null) {
                if (!relocation.isEmpty()) {
                    for (String prefix : profile.hide()) {
                        core.frameFilter().hidePrefix(relocation + prefix);
                    }
                }
                return;
            }
        }
    }

    private static Profile match(List<Profile> profiles, Class<?> type) {
        for (Profile profile : profiles) {
            if (TypeNames.extendsNamed(type, profile.typeName())
                    && (profile.instancesOf() == null || TypeNames.extendsNamed(type, profile.instancesOf()))) {
                // a wrapper that delegates its count to the object it wraps is not tracked: that object is
                return profile.rules().delegates(type) ? null : profile;
            }
        }
        return null;
    }

    /** A new lifetime for a birth, or null when the object is not tracked (other class, sampled out). */
    Lifetime born(Object self, Lifetime previous, int refs) {
        return born(self, previous, refs, null);
    }

    /**
     * A new lifetime for a birth whose reference carries the object's name (a file's path, a
     * socket's address: reports show it as the reference's holder), or null when not tracked.
     */
    Lifetime born(Object self, Lifetime previous, int refs, String name) {
        // sampling first: a sampled-out birth costs a counter, nothing else
        return refs > 0 && drawBirth(self, previous) ? bornDrawn(self, previous, refs, name) : null;
    }

    /**
     * A birth's sampling draw, made once per birth: whether the object is tracked ({@code sample}
     * mode keeps one in {@link #sampleInterval}); if not, {@code previous} ends. A caller with more
     * to decide before a birth (whose resource it is, its name) draws first, so that a sampled-out
     * birth costs nothing more, and then calls {@link #bornDrawn}.
     */
    boolean drawBirth(Object self, Lifetime previous) {
        if (sampled(self, true)) {
            return true;
        }
        if (previous != null) {
            end(previous);
        }
        return false;
    }

    /** A new lifetime for a birth that {@link #drawBirth} kept, or null when its class is not tracked. */
    Lifetime bornDrawn(Object self, Lifetime previous, int refs, String name) {
        Profile profile = profiles.get(self.getClass());
        if (profile == null || scopes.get()[INTERNAL] > 0) {
            if (previous != null) {
                end(previous);
            }
            return null;
        }
        Lifetime life;
        synchronized (stripe(self)) {
            if (previous != null && previous.profile == profile) {
                tracked.remove(previous);
                previous.clear();
                life = new Lifetime(self, collected, profile, false, previous.handOver(), holdNanos(profile));
            } else {
                if (previous != null) {
                    end(previous);
                }
                life = new Lifetime(self, collected, profile, false, directory(profile), holdNanos(profile));
            }
            // a birth is paired last-resort only (it is the oldest), so its site is not looked up:
            // the report's stack names it
            life.acquire(refs, Site.BIRTH, name);
            tracked.put(life, life);
        }
        claim(life);
        Reference.reachabilityFence(self);
        return life;
    }

    /** A new directory for one lifetime of an object of this profile's. */
    private RefTrackerDir directory(Profile profile) {
        if (!everTracked) {
            everTracked = true;
        }
        return core.directory(profile.dirClass()).quarantine(1).mode(RefTracking.Mode.FULL).build();
    }

    private long holdNanos(Profile profile) {
        return holdNanos.getOrDefault(profile, 0L);
    }

    /**
     * Reports each reference held past its profile's hold threshold, once per lifetime: one pass
     * over the tracked lifetimes, on the scanning thread, never on an acquire or release.
     *
     * @return how many were reported
     */
    int scanHolds() {
        int reported = 0;
        long now = System.nanoTime();
        for (Lifetime life : tracked.values()) {
            Lifetime.Ref ref = life.overdue(now);
            if (ref != null) {
                core.publish(LongHolds.event(life, ref, now));
                reported++;
            }
        }
        return reported;
    }

    /** Records an acquire; returns the object's lifetime, new if it had none and may get one. */
    Lifetime acquired(Object self, Lifetime life, int n) {
        if (life == null && birthsOnly) {
            return null; // not tracked: sampled out, or another class
        }
        if (life != null && scopes.get()[DERIVED] > 0 && life.profile.rules().derivedOwnsReferences()) {
            life.owe(n);
            return life;
        }
        Lifetime target = life != null && !life.ended() ? life : current(self);
        if (target == null) {
            return life;
        }
        Site site = sites.caller();
        while (!target.acquire(n, site)) {
            // it ended since: another thread dropped the last reference
            target = current(self);
            if (target == null) {
                return life;
            }
        }
        // the object must not look collected (a leak) to the reaper while its reference is recorded
        Reference.reachabilityFence(self);
        return target;
    }

    /**
     * The object's lifetime that has not ended, created if it may have one without a birth (no
     * birth in the spec, or an object born before the agent was attached); null if not tracked.
     */
    private Lifetime current(Object self) {
        Profile profile = profiles.get(self.getClass());
        if (profile == null || (profile.hasBirth() && !sideTable)) {
            return null;
        }
        synchronized (stripe(self)) {
            Lifetime existing = lookup(self);
            if (existing != null && !existing.ended()) {
                return existing;
            }
            if (!sampled(self, false)) {
                return null;
            }
            // after attach, references taken before are unknown, with or without a birth in the spec
            Lifetime created = new Lifetime(self, collected, profile, sideTable, directory(profile),
                    holdNanos(profile));
            if (existing != null) {
                end(existing);
            }
            tracked.put(created, created);
            claim(created);
            return created;
        }
    }

    /** The scope running on this thread (a JUnit test, see {@link RefScope}) claims a new lifetime. */
    private void claim(Lifetime life) {
        RefScope scope = RefScope.claimant();
        if (scope != null) {
            scope.claim(new ScopeClaim(life, leaks));
        }
    }

    /** Records a release on a lifetime, or counts it when the object is not tracked. */
    void released(Object self, Lifetime life, int n) {
        Lifetime target = life;
        if ((life == null || life.ended()) && !birthsOnly) {
            // the field may hold a lifetime another thread ended, or none yet
            Lifetime current = lookup(self);
            target = current != null ? current : life;
        }
        if (target == null) {
            if (sideTable && profiles.get(self.getClass()) != null) {
                releasedBeforeTracking.add(n);
            }
            return;
        }
        if (target.ended() && target.profile.rules().idempotentRelease()) {
            return; // a repeated close()
        }
        int[] scope = scopes.get();
        boolean byDerived = scope[DERIVED] > 0 && target.profile.rules().derivedOwnsReferences();
        int unmatched = target.release(n, pairing, sites, byDerived, scope[HOLDER] > 0);
        releasedBeforeTracking.add(unmatched);
        if (target.ended() && !sideTable) {
            tracked.remove(target);
            target.clear();
        }
        // a last release must end the lifetime before the object can look collected with references live
        Reference.reachabilityFence(self);
    }

    /**
     * Finds the lifetime that holds the count of {@code object} (itself, or what it wraps or
     * derives from) by calling the profile's probe method on it, and applies {@code action}
     * ({@link Probing#ADOPT} or {@link Probing#UNTRACK}) to it.
     */
    void probe(Object object, int action) {
        probing.run(object, action);
    }

    /**
     * The probe method ran on {@code self}, whose lifetime is {@code life}: applies the action this
     * thread awaits, once. Returns the object's lifetime afterwards (null once untracked).
     */
    Lifetime probed(Object self, Lifetime life) {
        int action = probing.take();
        if (action == 0 || life == null) {
            return life;
        }
        if (action == Probing.ADOPT) {
            life.handTo(pairing, sites);
            return life;
        }
        synchronized (stripe(self)) {
            tracked.remove(life);
            life.clear();
            life.discard(true);
        }
        Reference.reachabilityFence(self);
        return null;
    }

    /** Side-table form of {@link #probed}: looks the lifetime up only while a probe is under way. */
    void probedInTable(Object self) {
        if (probing.active()) {
            probed(self, lookup(self));
        }
    }

    /** A scope ({@link #DERIVED}, {@link #INTERNAL} or {@link #HOLDER}) starts on this thread. */
    void enter(int scope) {
        scopes.get()[scope]++;
    }

    /** A scope ends on this thread. */
    void exit(int scope) {
        scopes.get()[scope]--;
    }

    /** The side table's lifetime of an object, or null. */
    Lifetime lookup(Object self) {
        return tracked.get(new Lifetime.Probe(self));
    }

    private Object stripe(Object self) {
        return stripes[System.identityHashCode(self) & (STRIPES - 1)];
    }

    private void end(Lifetime life) {
        tracked.remove(life);
        life.clear();
        life.discard(true);
    }

    /**
     * Whether an object is tracked in {@code sample} mode: one in {@link #sampleInterval}, chosen at
     * random by the core's sampler (see {@link RefTrackingRuntime#sampleObject}). A birth draws
     * afresh (its field remembers the outcome, a lifetime or none); an object without such a field
     * (after attach, or a spec without birth) gets the same decision on every call.
     */
    private boolean sampled(Object self, boolean atBirth) {
        return core.sampleObject(self, sampleInterval, atBirth && !sideTable);
    }

    /** Reports what the GC found collected; waits up to {@code millis} for the first one; returns how many. */
    int reap(long millis) throws InterruptedException {
        Object first = millis > 0 ? collected.remove(millis) : collected.poll();
        int reaped = 0;
        for (Object ref = first; ref != null; ref = collected.poll()) {
            reaped++;
            Lifetime life = (Lifetime) ref;
            tracked.remove(life);
            if (!life.ended() && (life.hasLive() || life.keptOnlyByDerived() || life.keptOnlyByHolder())) {
                leaks.leaked(life);
            } else {
                life.discard(false);
            }
        }
        return reaped;
    }

    /** Whether any object was ever tracked (a lifetime created), by any thread, up to now. */
    boolean everTracked() {
        return everTracked;
    }

    /** Remembers the daemon running {@link #reapForever}, for {@link #stopReaper}. */
    void reaperStarted(Thread thread) {
        reaper = thread;
    }

    /**
     * Stops the daemon running {@link #reapForever} and waits for it, so that no collected object
     * is between the queue and the leak totals when the caller reads them: interrupted while it
     * waits on the queue, it takes nothing more; interrupted while it reports a batch, it finishes
     * the batch first.
     *
     * @return false if it had not stopped within {@code millis}
     */
    boolean stopReaper(long millis) throws InterruptedException {
        Thread thread = reaper;
        if (thread == null) {
            return true;
        }
        thread.interrupt();
        thread.join(millis);
        return !thread.isAlive();
    }

    /** Runs {@link #reap} until interrupted; the body of the agent's daemon thread. */
    void reapForever() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                reap(TimeUnit.SECONDS.toMillis(1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
