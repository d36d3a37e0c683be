package io.github.reftrack.agent;

import java.lang.reflect.Modifier;
import net.bytebuddy.asm.Advice;

/**
 * Advice for classes transformed when they load: each object keeps its lifetime in the field
 * {@value #FIELD} the agent adds to the profile's class. Inlined into the library's methods.
 *
 * <p>With {@link Bound.Outermost} set (generic specs), acquire and release methods mark the
 * object on entry for the current thread and only the outermost call acts: a {@code retain()}
 * that calls {@code retain(1)} on the same object takes one reference, not two. The mark is
 * cleared on exit, normal or thrown.
 */
final class FieldAdvice {
    /** The field added to each profile's class. */
    static final String FIELD = "reftrack$lifetime";
    /** Its modifiers: public (subclasses in other packages read it), transient, synthetic. */
    static final int MODIFIERS = Modifier.PUBLIC | Modifier.TRANSIENT | 0x1000;

    private FieldAdvice() {
    }

    /** Constructor or {@code reset()}: a lifetime with the bound count of references. */
    static final class Birth {
        private Birth() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Bound.Count int refs, @Bound.Life Object life) {
            if (Hooks.ON) {
                life = Hooks.born(self, life, refs);
            }
        }
    }

    /** {@code setRefCnt(n)}: a lifetime with {@code n} references. */
    static final class BirthN {
        private BirthN() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.This Object self, @Advice.Argument(0) int n, @Bound.Life Object life) {
            if (Hooks.ON) {
                life = Hooks.born(self, life, n);
            }
        }
    }

    /** {@code retain()}: one reference, once the method returned normally. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            return Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Enter boolean acts, @Bound.Outermost boolean outermostOnly,
                @Advice.Thrown Throwable thrown, @Bound.Life Object life) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null) {
                    life = Hooks.acquired(self, life, 1);
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
                @Bound.Outermost boolean outermostOnly, @Advice.Thrown Throwable thrown, @Bound.Life Object life) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null) {
                    life = Hooks.acquired(self, life, n);
                }
            }
        }
    }

    /** {@code tryIncRef()}: one reference if it returned true. */
    static final class AcquireIf {
        private AcquireIf() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly) {
            return Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self));
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Return boolean taken, @Advice.Enter boolean acts,
                @Bound.Outermost boolean outermostOnly, @Advice.Thrown Throwable thrown, @Bound.Life Object life) {
            if (acts) {
                if (outermostOnly) {
                    Hooks.exitOutermost(self);
                }
                if (thrown == null && taken) {
                    life = Hooks.acquired(self, life, 1);
                }
            }
        }
    }

    /** {@code release()}: recorded on entry, so that a double release is reported before the library throws. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter
        static boolean enter(@Advice.This Object self, @Bound.Outermost boolean outermostOnly,
                @Bound.Life Object life) {
            if (Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self))) {
                Hooks.released(self, life, 1);
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
                @Bound.Outermost boolean outermostOnly, @Bound.Life Object life) {
            if (Hooks.ON && (!outermostOnly || Hooks.enterOutermost(self))) {
                Hooks.released(self, life, n);
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
