package io.github.reftrack.agent;

import io.github.reftrack.FrameFilter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the user's frame of an acquire or release, skipping the frames the core runtime's
 * {@link FrameFilter} hides (one rule for which frames are the user's, in sites and in reports),
 * and interns sites. Thread-safe.
 *
 * <p>The frames are read one of two ways, chosen per thread by the depth of its stacks. A
 * {@link Throwable}'s stack trace is decoded by the VM in one pass, at a cost that grows with the
 * whole stack; a {@link StackWalker} walk stops after the frames it needs, but has a fixed cost of
 * a few microseconds. Decoding is the cheaper up to about 40 frames, which is where most threads
 * tracking buffers run; a thread whose last decoded stack was deeper than {@value #DEEP} frames
 * walks instead, and decodes again every {@value #RECHECK_EVERY} look-ups to see whether it
 * still should.
 *
 * <p>Sites are keyed by their frame (class, method, file and line, with the class loader's and
 * module's names), never by the class itself, so the agent holds no reference to the
 * application's classes: a class loader the application drops (a plugin, a redeployment) can be
 * collected.
 */
final class Sites {
    /** How many shown frames of a release are compared with acquire sites. */
    static final int RELEASE_FRAMES = 12;
    /**
     * Stack depth, in frames, above which a thread walks: decoding costs the same as a walk at
     * about 40 frames and half as much again at 60, where the walk is clearly the cheaper.
     */
    static final int DEEP = 60;
    /** How many look-ups a walking thread makes before it decodes a stack to measure it again. */
    static final int RECHECK_EVERY = 64;
    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final Site NONE = new Site("", "", null);

    /** How one thread reads its stacks; touched only by that thread. */
    private static final class Reader {
        private boolean walk;
        private int untilRecheck;

        /** Whether this look-up walks; {@code false} means decode, and {@link #measured} follows. */
        boolean walks() {
            return walk && --untilRecheck > 0;
        }

        void measured(int depth) {
            walk = depth > DEEP;
            untilRecheck = RECHECK_EVERY;
        }
    }

    private final ThreadLocal<Reader> readers = ThreadLocal.withInitial(Reader::new);

    private final ConcurrentHashMap<StackTraceElement, Site> sites = new ConcurrentHashMap<>();
    private final FrameFilter filter;
    private final HiddenNames hidden;

    /** Sites whose frames are chosen by the core runtime's filter, as the frames of its reports are. */
    Sites(FrameFilter filter) {
        this.filter = filter;
        this.hidden = new HiddenNames(filter);
    }

    boolean hidden(String className) {
        return filter.hides(className);
    }

    /** The site of the caller of the instrumented method: its first shown frame. */
    Site caller() {
        Reader reader = readers.get();
        if (reader.walks()) {
            return WALKER.walk(s -> s.filter(f -> !hidden.hides(f.getClassName())).findFirst())
                    .map(f -> intern(f.toStackTraceElement())).orElse(NONE);
        }
        StackTraceElement[] trace = new Throwable().getStackTrace();
        reader.measured(trace.length);
        for (StackTraceElement frame : trace) {
            if (!hidden.hides(frame.getClassName())) {
                return intern(frame);
            }
        }
        return NONE;
    }

    /** Whether the current thread's look-ups walk its stack (its last decoded stack was deep). */
    boolean walking() {
        return readers.get().walk;
    }

    private Site intern(StackTraceElement frame) {
        Site site = sites.get(frame);
        return site != null ? site
                : sites.computeIfAbsent(frame, f -> new Site(f.getClassName(), f.getMethodName(), f));
    }

    /**
     * The index of the first live reference taken in the method of one of the current call's
     * first {@link #RELEASE_FRAMES} shown frames (innermost first), or -1. The search stops at the
     * first such frame: a release usually returns a reference taken in its own method.
     */
    int takenInCaller(List<Lifetime.Ref> live) {
        Reader reader = readers.get();
        if (reader.walks()) {
            return WALKER.walk(s -> s.filter(f -> !hidden.hides(f.getClassName())).limit(RELEASE_FRAMES)
                    .mapToInt(f -> takenIn(live, f.getClassName(), f.getMethodName())).filter(i -> i >= 0)
                    .findFirst().orElse(-1));
        }
        StackTraceElement[] trace = new Throwable().getStackTrace();
        reader.measured(trace.length);
        int shown = 0;
        for (StackTraceElement frame : trace) {
            if (shown == RELEASE_FRAMES) {
                break;
            }
            if (!hidden.hides(frame.getClassName())) {
                int taken = takenIn(live, frame.getClassName(), frame.getMethodName());
                if (taken >= 0) {
                    return taken;
                }
                shown++;
            }
        }
        return -1;
    }

    private static int takenIn(List<Lifetime.Ref> live, String cls, String method) {
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).site.isIn(cls, method)) {
                return i;
            }
        }
        return -1;
    }
}
