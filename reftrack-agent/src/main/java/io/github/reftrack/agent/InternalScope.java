package io.github.reftrack.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice around the library's own allocation of memory buffers (Netty's adaptive allocator
 * allocating a chunk): buffers born there are the library's, never the user's references.
 */
final class InternalScope {
    private InternalScope() {
    }

    @Advice.OnMethodEnter
    static void enter() {
        if (Hooks.ON) {
            Hooks.enter(1);
        }
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class)
    static void exit() {
        if (Hooks.ON) {
            Hooks.exit(1);
        }
    }
}
