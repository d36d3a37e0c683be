package io.github.reftrack.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * Calls a profile's probe method ({@link Ownership#probe}) on any object of the library: wrappers,
 * derived and read-only views delegate it to the object that holds the count, whose instrumented
 * probe method then tells the agent which lifetime is concerned. Resolved once per class, through
 * a public type declaring the method (Netty's {@code ReferenceCounted}). Thread-safe.
 */
final class CountProbe {
    private final String method;
    private final ClassValue<MethodHandle> handles = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return find(type);
        }
    };

    CountProbe(String method) {
        this.method = method;
    }

    /** Calls the probe method on {@code object}; does nothing if it has none, or if it throws. */
    void call(Object object) {
        MethodHandle handle = handles.get(object.getClass());
        if (handle == null) {
            return;
        }
        try {
            handle.invoke(object);
        } catch (Throwable e) {
            // an object already freed may refuse; nothing to learn from it then
        }
    }

    private MethodHandle find(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            MethodHandle found = declared(c);
            if (found != null) {
                return found;
            }
            for (Class<?> i : c.getInterfaces()) {
                found = find(i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private MethodHandle declared(Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == 0 && Modifier.isPublic(m.getModifiers())
                    && !Modifier.isStatic(m.getModifiers())) {
                try {
                    return MethodHandles.publicLookup().unreflect(m)
                            .asType(MethodType.methodType(void.class, Object.class));
                } catch (IllegalAccessException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
