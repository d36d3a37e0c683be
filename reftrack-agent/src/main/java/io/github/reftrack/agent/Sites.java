package io.github.reftrack.agent;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the user's frame of an acquire or release with a {@link StackWalker}, skipping frames
 * whose class starts with a hidden prefix, and interns sites. Thread-safe.
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
    private final String[] hidden;
    /** Exact class names hidden too: the tracked classes themselves, whose methods the advice runs in. */
    private final java.util.Set<String> hiddenClasses = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> learntPrefixes = ConcurrentHashMap.newKeySet();

    Sites(List<String> hiddenPrefixes) {
        this.hidden = hiddenPrefixes.toArray(String[]::new);
    }

    /** Hides a prefix learnt at run time: a relocated copy of a profile's library. */
    void hidePrefix(String prefix) {
        learntPrefixes.add(prefix);
    }

    void hideClass(String className) {
        hiddenClasses.add(className);
    }

    boolean hidden(String className) {
        if (hiddenClasses.contains(className)) {
            return true;
        }
        for (String prefix : hidden) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : learntPrefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
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

    /** The shown frames of the current call, innermost first, as sites without balance. */
    List<StackFrame> shownFrames() {
        return WALKER.walk(s -> s.filter(f -> !hidden(f.getClassName())).limit(RELEASE_FRAMES)
                .collect(ArrayList::new, ArrayList::add, ArrayList::addAll));
    }
}
