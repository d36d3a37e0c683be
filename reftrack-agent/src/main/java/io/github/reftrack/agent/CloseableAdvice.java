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
        static void exit(@Advice.This Object self) {
            ResourceBridge.opened(self);
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
