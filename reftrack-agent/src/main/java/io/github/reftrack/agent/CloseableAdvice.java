package io.github.reftrack.agent;

import io.github.reftrack.agent.boot.ResourceBridge;
import net.bytebuddy.asm.Advice;

/**
 * Advice for the JDK's closeable classes ({@link JdkInstrumenter}): inlined into bootstrap
 * classes, it calls only the {@link ResourceBridge} on the bootstrap class path.
 */
final class CloseableAdvice {
    private CloseableAdvice() {
    }

    /** A constructor that opens the resource: it is born when the constructor returns normally. */
    static final class Open {
        private Open() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.AllArguments Object[] args) {
            ResourceBridge.opened(self, args);
        }
    }

    /**
     * {@code hasNext()} of a walk's iterator: once it answers {@code false}, the walk has closed
     * every directory it opened, and holds nothing left to close.
     */
    static final class Exhausted {
        private Exhausted() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.Return boolean more) {
            if (!more) {
                ResourceBridge.closed(self);
            }
        }
    }

    /** {@code close()}: the resource is released when it starts (a repeated close is ignored). */
    static final class Close {
        private Close() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self) {
            ResourceBridge.closed(self);
        }
    }
}
