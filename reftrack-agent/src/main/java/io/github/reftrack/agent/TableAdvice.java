package io.github.reftrack.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice for classes retransformed after the agent was attached: retransformation cannot add a
 * field, so each object's lifetime lives in the agent's weak identity side table. The outermost
 * call rule is {@link FieldAdvice}'s.
 */
final class TableAdvice {
    private TableAdvice() {
    }

    /** Constructor or {@code reset()}. */
    static final class Birth {
        private Birth() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Bound.Count int refs) {
            if (Hooks.ON) {
                Hooks.bornInTable(self, refs);
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

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            return Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean acts, @Bound.Outermost boolean outermostOnly,
                @Advice.Thrown Throwable thrown) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null) {
                    Hooks.acquiredInTable(self, 1);
                }
            }
        }
    }

    /** {@code retain(n)}. */
    static final class AcquireN {
        private AcquireN() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            return Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n, @Advice.Enter boolean acts,
                @Bound.Outermost boolean outermostOnly, @Advice.Thrown Throwable thrown) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null) {
                    Hooks.acquiredInTable(self, n);
                }
            }
        }
    }

    /** {@code tryIncRef()}. */
    static final class AcquireIf {
        private AcquireIf() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            return Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return boolean taken, @Advice.Enter boolean acts,
                @Bound.Outermost boolean outermostOnly, @Advice.Thrown Throwable thrown) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null && taken) {
                    Hooks.acquiredInTable(self, 1);
                }
            }
        }
    }

    /** {@code release()}. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            if (Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self))) {
                Hooks.releasedInTable(self, 1);
                return true;
            }
            return false;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean entered,
                @Bound.Outermost boolean outermostOnly) {
            if (entered && outermostOnly) {
                Hooks.exitOutermost(self);
            }
        }
    }

    /** {@code release(n)}. */
    static final class ReleaseN {
        private ReleaseN() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Advice.Argument(0) int n,
                @Bound.Outermost boolean outermostOnly) {
            if (Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self))) {
                Hooks.releasedInTable(self, n);
                return true;
            }
            return false;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean entered,
                @Bound.Outermost boolean outermostOnly) {
            if (entered && outermostOnly) {
                Hooks.exitOutermost(self);
            }
        }
    }
}
