package io.github.reftrack.internal.capture;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * What JVMTI says about the method of one raw native frame, kept while its class is alive:
 * names, source file, line table, and whether a {@code Throwable} would leave its frames out.
 * Immutable; {@link NativeStacks} caches one per method id. Not API: this package is not exported.
 */
final class NativeMethod {
    private static final int BCI_NATIVE = 0xFFFF;

    private final WeakReference<Class<?>> holder;
    private final boolean hidden;
    private final boolean continuationEntry;
    private final String module;
    private final String className;
    private final String name;
    private final String file;
    private final int[] lines;

    private NativeMethod(Class<?> holder, Object[] parts) {
        this.holder = new WeakReference<>(holder);
        this.name = parts[0] == null ? NativeStacks.UNKNOWN_METHOD : (String) parts[0];
        this.hidden = holder.isHidden() || HIDDEN.get(holder).contains(name + parts[1]);
        this.module = holder.getModule().getName();
        this.className = holder.getName();
        this.file = (String) parts[2];
        this.lines = (int[]) parts[3];
        this.continuationEntry = className.equals("jdk.internal.vm.Continuation")
                && name.equals("enterSpecial");
    }

    /** Asks JVMTI about the method of a raw frame; null when its class was unloaded. */
    static NativeMethod describe(long raw) {
        Object[] parts = new Object[4];
        Class<?> holder = NativeStacks.method0(raw, parts);
        return holder == null ? null : new NativeMethod(holder, parts);
    }

    /** Whether its class is still loaded: a method id of an unloaded class may be reused. */
    boolean alive() {
        return holder.get() != null;
    }

    /** Whether the VM leaves its frames out of a {@code Throwable}'s stack trace. */
    boolean hidden() {
        return hidden;
    }

    /** Whether a virtual thread's own frames end here, as its {@code Throwable}'s do. */
    boolean continuationEntry() {
        return continuationEntry;
    }

    String className() {
        return className;
    }

    StackTraceElement frame(int bci) {
        return new StackTraceElement(null, module, null, className, name, file,
                bci == BCI_NATIVE ? -2 : line(bci));
    }

    /** As HotSpot maps a bci to a line: an exact start wins, else the latest start before. */
    private int line(int bci) {
        if (lines == null) {
            return -1;
        }
        int line = -1;
        int best = -1;
        for (int i = 0; i < lines.length; i += 2) {
            int start = lines[i];
            if (start == bci) {
                return lines[i + 1];
            }
            if (start < bci && start >= best) {
                best = start;
                line = lines[i + 1];
            }
        }
        return line;
    }

    /**
     * The methods of a class that the VM leaves out of a {@code Throwable}'s stack trace besides
     * those of hidden classes: the ones annotated {@code jdk.internal.vm.annotation.Hidden}
     * (method handle internals, reflection, {@code Thread.runWith}), honoured only in classes of
     * the boot and platform loaders. Each set holds name + descriptor and is computed once.
     */
    private static final ClassValue<Set<String>> HIDDEN = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
                return Set.of();
            }
            Set<String> hidden = new HashSet<>();
            try {
                for (Method m : type.getDeclaredMethods()) {
                    if (annotatedHidden(m.getDeclaredAnnotations())) {
                        hidden.add(m.getName() + MethodType.methodType(m.getReturnType(),
                                m.getParameterTypes()).toMethodDescriptorString());
                    }
                }
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (annotatedHidden(c.getDeclaredAnnotations())) {
                        hidden.add("<init>" + MethodType.methodType(void.class,
                                c.getParameterTypes()).toMethodDescriptorString());
                    }
                }
            } catch (RuntimeException | LinkageError e) {
                // A class whose members cannot be listed keeps all its frames.
                return Set.of();
            }
            return Set.copyOf(hidden);
        }
    };

    private static boolean annotatedHidden(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a.annotationType().getName().equals("jdk.internal.vm.annotation.Hidden")) {
                return true;
            }
        }
        return false;
    }
}
