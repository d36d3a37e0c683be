package io.github.reftrack.agent;

import java.lang.StackWalker.StackFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the user's frame of an acquire or release with a {@link StackWalker}, skipping frames
 * whose class starts with a hidden prefix, and interns sites. Thread-safe.
 */
final class Sites {
    /** How many shown frames of a release are compared with acquire sites. */
    static final int RELEASE_FRAMES = 12;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Site NONE = new Site(Void.class, "", null);

    private record Key(Class<?> cls, String method, int bci) {
    }

    private final ConcurrentHashMap<Key, Site> sites = new ConcurrentHashMap<>();
    private final String[] hidden;
    /** Exact class names hidden too: the tracked classes themselves, whose methods the advice runs in. */
    private final java.util.Set<String> hiddenClasses = ConcurrentHashMap.newKeySet();

    Sites(List<String> hiddenPrefixes) {
        this.hidden = hiddenPrefixes.toArray(String[]::new);
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
        return false;
    }

    /** The site of the caller of the instrumented method: its first shown frame. */
    Site caller() {
        Optional<StackFrame> first = WALKER.walk(s -> s.filter(f -> !hidden(f.getClassName())).findFirst());
        if (first.isEmpty()) {
            return NONE;
        }
        StackFrame frame = first.get();
        Key key = new Key(frame.getDeclaringClass(), frame.getMethodName(), frame.getByteCodeIndex());
        Site site = sites.get(key);
        return site != null ? site : sites.computeIfAbsent(key,
                k -> new Site(k.cls(), k.method(), frame.toStackTraceElement()));
    }

    /** The shown frames of the current call, innermost first, as sites without balance. */
    List<StackFrame> shownFrames() {
        return WALKER.walk(s -> s.filter(f -> !hidden(f.getClassName())).limit(RELEASE_FRAMES)
                .collect(ArrayList::new, ArrayList::add, ArrayList::addAll));
    }
}
