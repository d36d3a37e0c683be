package io.github.reftrack.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice around a derived buffer's {@code init} and {@code deallocate} (Netty's pooled slices and
 * duplicates): the reference they take and drop on the parent belongs to the derived buffer.
 */
final class DerivedScope {
    private DerivedScope() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        if (Hooks.ON) {
            Hooks.enter(0);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        if (Hooks.ON) {
            Hooks.exit(0);
        }
    }
}

