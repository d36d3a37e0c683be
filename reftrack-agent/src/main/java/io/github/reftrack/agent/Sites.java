package io.github.reftrack.agent;

import io.github.reftrack.FrameFilter;
import java.lang.StackWalker.StackFrame;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the user's frame of an acquire or release with a {@link StackWalker}, skipping the frames
 * the core runtime's {@link FrameFilter} hides (one rule for which frames are the user's, in sites
 * and in reports), and interns sites. Thread-safe.
 *
 * <p>Sites are kept per class in a {@link ClassValue}, so the agent holds no reference to the
 * application's classes: a class loader the application drops (a plugin, a redeployment) is
 * collected with the sites of its classes.
 */
final class Sites {
    /** How many shown frames of a release are compared with acquire sites. */
    static final int RELEASE_FRAMES = 12;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Site NONE = new Site("", "", null);

    private record Key(String method, int bci) {
    }

    /** The sites of each class, stored with the class itself. */
    private static final class ByClass extends ClassValue<ConcurrentHashMap<Key, Site>> {
        @Override
        protected ConcurrentHashMap<Key, Site> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    }

    private final ByClass sites = new ByClass();
    private final FrameFilter filter;

    /** Sites whose frames are chosen by the core runtime's filter, as the frames of its reports are. */
    Sites(FrameFilter filter) {
        this.filter = filter;
    }

    boolean hidden(String className) {
        return filter.hides(className);
    }

    /** The site of the caller of the instrumented method: its first shown frame. */
    Site caller() {
        Optional<StackFrame> first = WALKER.walk(s -> s.filter(f -> !hidden(f.getClassName())).findFirst());
        if (first.isEmpty()) {
            return NONE;
        }
        StackFrame frame = first.get();
        Key key = new Key(frame.getMethodName(), frame.getByteCodeIndex());
        ConcurrentHashMap<Key, Site> ofClass = sites.get(frame.getDeclaringClass());
        Site site = ofClass.get(key);
        return site != null ? site : ofClass.computeIfAbsent(key,
                k -> new Site(frame.getClassName(), k.method(), frame.toStackTraceElement()));
    }

    /**
     * The index of the first live reference taken in the method of one of the current call's
     * first {@link #RELEASE_FRAMES} shown frames (innermost first), or -1. The walk stops at the
     * first such frame: a release usually returns a reference taken in its own method.
     */
    int takenInCaller(List<Lifetime.Ref> live) {
        return WALKER.walk(s -> s.filter(f -> !hidden(f.getClassName())).limit(RELEASE_FRAMES)
                .mapToInt(f -> takenIn(live, f)).filter(i -> i >= 0).findFirst().orElse(-1));
    }

    private static int takenIn(List<Lifetime.Ref> live, StackFrame frame) {
        Class<?> cls = frame.getDeclaringClass();
        String method = frame.getMethodName();
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).site.isIn(cls, method)) {
                return i;
            }
        }
        return -1;
    }
}
