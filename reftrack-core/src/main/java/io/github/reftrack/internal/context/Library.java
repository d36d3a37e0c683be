package io.github.reftrack.internal.context;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Finds a class of an optional library (SLF4J, OpenTelemetry) that reftrack does not depend on:
 * from the thread's context class loader, the system class loader, then reftrack's own, without
 * initialising it. Stateless.
 */
final class Library {
    private Library() {
    }

    /** The class, or {@code null} when no loader has it. */
    static Class<?> find(String name) {
        ClassLoader[] loaders = {Thread.currentThread().getContextClassLoader(), ClassLoader.getSystemClassLoader(),
            Library.class.getClassLoader()};
        for (ClassLoader loader : loaders) {
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                // try the next loader
            }
        }
        return null;
    }

    /** A public static method of {@code type}, typed to return {@code Object}. */
    static MethodHandle staticMethod(Class<?> type, String name, Class<?> returns, Class<?>... parameters)
            throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findStatic(type, name, MethodType.methodType(returns, parameters));
    }

    /** A public instance method of {@code type}. */
    static MethodHandle method(Class<?> type, String name, Class<?> returns) throws ReflectiveOperationException {
        return MethodHandles.publicLookup().findVirtual(type, name, MethodType.methodType(returns));
    }

    /** Says once, when a source is made, that its library is missing and it gives no tag. */
    static void missing(String source, String className, Throwable why) {
        System.getLogger("io.github.reftrack").log(System.Logger.Level.WARNING, "context source " + source + ": "
                + className + " is not on the class path" + (why == null ? "" : " (" + why + ")")
                + ", so references get no tag from it");
    }
}
