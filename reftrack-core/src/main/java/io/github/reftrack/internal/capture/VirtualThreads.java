package io.github.reftrack.internal.capture;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells whether the current thread is virtual. {@code Thread.isVirtual()} exists from JDK 21 and
 * this code is Java 17 bytecode, so it is called through a method handle found once; once
 * compiled, the call is as cheap as the method's own type check. On a JDK without virtual threads
 * the handle answers {@code false}. Not API: this package is not exported.
 */
final class VirtualThreads {
    private static final MethodHandle IS_VIRTUAL = isVirtual();

    private VirtualThreads() {
    }

    /**
     * Whether the calling thread is a virtual thread.
     *
     * @return true on a virtual thread (JDK 21 and later), false on a platform thread
     */
    static boolean current() {
        try {
            return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
        } catch (Throwable e) {
            // Thread.isVirtual throws nothing; an error thrown here (no stack left) means "unknown".
            return false;
        }
    }

    private static MethodHandle isVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, Thread.class);
        }
    }
}
