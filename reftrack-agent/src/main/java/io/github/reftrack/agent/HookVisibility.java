package io.github.reftrack.agent;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Consumer;

/**
 * Decides, once per class loader, whether code defined by it can call the agent's
 * {@link Hooks}: instrumented code links against {@code io.github.reftrack.agent.Hooks} by name,
 * and a loader that does not resolve that name to this very class (an isolated plugin loader
 * parented to the platform loader, or one with a copy of its own) would make every instrumented
 * call throw {@code NoClassDefFoundError}. Classes of such loaders are not instrumented, and the
 * first one skipped is reported once per loader. Loaders are held weakly. Thread-safe.
 */
final class HookVisibility {
    private final Map<ClassLoader, Boolean> verdicts = new WeakHashMap<>();
    private final Consumer<String> problems;

    HookVisibility(Consumer<String> problems) {
        this.problems = problems;
    }

    /** Whether classes of this loader may be instrumented; {@code typeName} names the first one asked for. */
    boolean sees(ClassLoader loader, String typeName) {
        synchronized (verdicts) {
            Boolean known = verdicts.get(loader);
            if (known != null) {
                return known;
            }
        }
        // resolved outside the lock: the loader may take locks of its own while another thread waits here
        boolean sees = resolvesHooks(loader);
        synchronized (verdicts) {
            if (verdicts.putIfAbsent(loader, sees) != null) {
                return sees;
            }
        }
        if (!sees) {
            problems.accept(typeName + " in class loader " + describe(loader) + " is not tracked, nor any class of"
                    + " that loader: it cannot see reftrack's " + Hooks.class.getName() + " (isolated from the"
                    + " class path the agent was loaded on), so instrumented code would fail there");
        }
        return sees;
    }

    /**
     * Whether classes of this loader can call the hooks, without reporting a loader that cannot:
     * {@link #sees} does that when one of its classes is about to be instrumented.
     */
    boolean resolves(ClassLoader loader) {
        synchronized (verdicts) {
            Boolean known = verdicts.get(loader);
            if (known != null) {
                return known;
            }
        }
        return resolvesHooks(loader);
    }

    private static boolean resolvesHooks(ClassLoader loader) {
        if (loader == Hooks.class.getClassLoader()) {
            return true;
        }
        try {
            return Class.forName(Hooks.class.getName(), false, loader) == Hooks.class;
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static String describe(ClassLoader loader) {
        if (loader == null) {
            return "bootstrap";
        }
        String name = loader.getName();
        return loader.getClass().getName() + (name == null ? "" : " '" + name + "'") + "@"
                + Integer.toHexString(System.identityHashCode(loader));
    }
}
