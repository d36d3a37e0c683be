package io.github.reftrack.agent;

import io.github.reftrack.FrameFilter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the user's frame of an acquire or release, skipping the frames the core runtime's
 * {@link FrameFilter} hides (one rule for which frames are the user's, in sites and in reports),
 * and interns sites. Thread-safe.
 *
 * <p>The frames come from a {@link Throwable}'s stack trace, which the VM decodes in one pass: an
 * acquire or release of a tracked object needs the first few shown frames, and a
 * {@link StackWalker} walk for them cost several times more (its fixed cost and a frame buffer
 * filled batch by batch) on every acquire and every paired release.
 *
 * <p>Sites are keyed by their frame (class, method, file and line, with the class loader's and
 * module's names), never by the class itself, so the agent holds no reference to the
 * application's classes: a class loader the application drops (a plugin, a redeployment) can be
 * collected.
 */
final class Sites {
    /** How many shown frames of a release are compared with acquire sites. */
    static final int RELEASE_FRAMES = 12;
    private static final Site NONE = new Site("", "", null);

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
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (!hidden.hides(frame.getClassName())) {
                Site site = sites.get(frame);
                return site != null ? site : sites.computeIfAbsent(frame,
                        f -> new Site(f.getClassName(), f.getMethodName(), f));
            }
        }
        return NONE;
    }

    /**
     * The index of the first live reference taken in the method of one of the current call's
     * first {@link #RELEASE_FRAMES} shown frames (innermost first), or -1. The search stops at the
     * first such frame: a release usually returns a reference taken in its own method.
     */
    int takenInCaller(List<Lifetime.Ref> live) {
        int shown = 0;
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (shown == RELEASE_FRAMES) {
                break;
            }
            if (!hidden.hides(frame.getClassName())) {
                int taken = takenIn(live, frame);
                if (taken >= 0) {
                    return taken;
                }
                shown++;
            }
        }
        return -1;
    }

    private static int takenIn(List<Lifetime.Ref> live, StackTraceElement frame) {
        String cls = frame.getClassName();
        String method = frame.getMethodName();
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).site.isIn(cls, method)) {
                return i;
            }
        }
        return -1;
    }
}
