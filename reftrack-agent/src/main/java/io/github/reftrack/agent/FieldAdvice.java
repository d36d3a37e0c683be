package io.github.reftrack.agent;

import net.bytebuddy.asm.Advice;

/**
 * Advice for classes transformed when they load: each object keeps its lifetime in the field
 * {@value #FIELD} the agent adds to the profile's class. Inlined into the library's methods.
 */
final class FieldAdvice {
    /** The field added to each profile's class. */
    static final String FIELD = "reftrack$lifetime";

    private FieldAdvice() {
    }

    /** Constructor or {@code reset()}: a lifetime with one reference. */
    static final class Birth {
        private Birth() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.FieldValue(value = FIELD, readOnly = false) Object life) {
            if (Hooks.ON) {
                life = Hooks.born(self, life, 1);
            }
        }
    }

    /** {@code setRefCnt(n)}: a lifetime with {@code n} references. */
    static final class BirthN {
        private BirthN() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n,
                @Advice.FieldValue(value = FIELD, readOnly = false) Object life) {
            if (Hooks.ON) {
                life = Hooks.born(self, life, n);
            }
        }
    }

    /** {@code retain()}: one reference, once the method returned normally. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown,
                @Advice.FieldValue(value = FIELD, readOnly = false) Object life) {
            if (Hooks.ON && thrown == null) {
                life = Hooks.acquired(self, life, 1);
            }
        }
    }

    /** {@code retain(n)}. */
    static final class AcquireN {
        private AcquireN() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n, @Advice.Thrown Throwable thrown,
                @Advice.FieldValue(value = FIELD, readOnly = false) Object life) {
            if (Hooks.ON && thrown == null) {
                life = Hooks.acquired(self, life, n);
            }
        }
    }

    /** {@code tryIncRef()}: one reference if it returned true. */
    static final class AcquireIf {
        private AcquireIf() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return boolean taken, @Advice.Thrown Throwable thrown,
                @Advice.FieldValue(value = FIELD, readOnly = false) Object life) {
            if (Hooks.ON && thrown == null && taken) {
                life = Hooks.acquired(self, life, 1);
            }
        }
    }

    /** {@code release()}: recorded on entry, so that a double release is reported before the library throws. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self, @Advice.FieldValue(FIELD) Object life) {
            if (Hooks.ON) {
                Hooks.released(self, life, 1);
            }
        }
    }

    /** {@code release(n)}. */
    static final class ReleaseN {
        private ReleaseN() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self, @Advice.Argument(0) int n, @Advice.FieldValue(FIELD) Object life) {
            if (Hooks.ON) {
                Hooks.released(self, life, n);
            }
        }
    }
}
