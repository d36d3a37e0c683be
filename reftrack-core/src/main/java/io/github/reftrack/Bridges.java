package io.github.reftrack;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Recognises frames of methods the compiler generated to forward a call: bridge methods and
 * synthetic accessors. A {@link StackTraceElement} does not say whether its method is a bridge
 * (nor does {@code StackWalker}), so:
 *
 * <ul>
 *   <li>a <b>bridge</b> calls the method it bridges, which has the same name in the same class:
 *       a frame whose inner neighbour has the same class and method name is a bridge when that
 *       class, resolved without initialising it, declares a bridge method of that name. A class
 *       that cannot be resolved from the context, system or reftrack's class loader keeps its
 *       frames (the line of a bridge is the class declaration's, which alone proves nothing). A
 *       recursive call of a method that shares its name with a bridge loses its outer frames:
 *       rare, and those frames repeat the inner one anyway.</li>
 *   <li>a <b>synthetic accessor</b> is named {@code access$NNN}, a name javac reserves for them
 *       (before nest-based access, Java 11).</li>
 * </ul>
 *
 * Answers are cached per class and method name, so each is looked up once. Thread-safe.
 */
final class Bridges {
    private static final Pattern ACCESSOR = Pattern.compile("access\\$\\d+");
    private static final int MAX_CACHED = 4096;

    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    static boolean accessor(StackTraceElement frame) {
        return ACCESSOR.matcher(frame.getMethodName()).matches();
    }

    /** Whether {@code frame} is a bridge forwarding to {@code inner}. */
    boolean forwards(StackTraceElement inner, StackTraceElement frame) {
        if (!frame.getClassName().equals(inner.getClassName())
                || !frame.getMethodName().equals(inner.getMethodName())) {
            return false;
        }
        String key = frame.getClassName() + '#' + frame.getMethodName();
        Boolean bridge = known.get(key);
        if (bridge == null) {
            bridge = declaresBridge(frame.getClassName(), frame.getMethodName());
            if (known.size() < MAX_CACHED) {
                known.put(key, bridge);
            }
        }
        return bridge;
    }

    private static boolean declaresBridge(String className, String method) {
        Class<?> type = resolve(className);
        if (type == null) {
            return false;
        }
        try {
            for (Method m : type.getDeclaredMethods()) {
                if (m.isBridge() && m.getName().equals(method)) {
                    return true;
                }
            }
        } catch (LinkageError | SecurityException e) {
            return false;
        }
        return false;
    }

    private static Class<?> resolve(String className) {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader(),
            Bridges.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            try {
                return Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // try the next loader
            }
        }
        return null;
    }
}
