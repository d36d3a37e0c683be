package io.github.reftrack.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice for classes retransformed after the agent was attached: retransformation cannot add a
 * field, so each object's lifetime lives in the agent's weak identity side table.
 */
final class TableAdvice {
    private TableAdvice() {
    }

    /** Constructor or {@code reset()}. */
    static final class Birth {
        private Birth() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self) {
            if (Hooks.ON) {
                Hooks.bornInTable(self, 1);
            }
        }
    }

    /** {@code setRefCnt(n)}. */
    static final class BirthN {
        private BirthN() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n) {
            if (Hooks.ON) {
                Hooks.bornInTable(self, n);
            }
        }
    }

    /** {@code retain()}. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown) {
            if (Hooks.ON && thrown == null) {
                Hooks.acquiredInTable(self, 1);
            }
        }
    }

    /** {@code retain(n)}. */
    static final class AcquireN {
        private AcquireN() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n, @Advice.Thrown Throwable thrown) {
            if (Hooks.ON && thrown == null) {
                Hooks.acquiredInTable(self, n);
            }
        }
    }

    /** {@code tryIncRef()}. */
    static final class AcquireIf {
        private AcquireIf() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return boolean taken, @Advice.Thrown Throwable thrown) {
            if (Hooks.ON && thrown == null && taken) {
                Hooks.acquiredInTable(self, 1);
            }
        }
    }

    /** {@code release()}. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self) {
            if (Hooks.ON) {
                Hooks.releasedInTable(self, 1);
            }
        }
    }

    /** {@code release(n)}. */
    static final class ReleaseN {
        private ReleaseN() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self, @Advice.Argument(0) int n) {
            if (Hooks.ON) {
                Hooks.releasedInTable(self, n);
            }
        }
    }
}
