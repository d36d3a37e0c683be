package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.DynamicType;

/**
 * Advice for a profile's {@link Ownership} rules: a holder's constructor takes over a reference of
 * its first argument and its release method drops it; an unreleasable wrapper's constructor ends
 * the tracking of its argument; the tracked class's probe method tells the agent which lifetime a
 * probe reached.
 */
final class OwnershipAdvice {
    private OwnershipAdvice() {
    }

    /** Instruments the holder and unreleasable classes of these rules. */
    static void install(Transforms transforms, Ownership rules) {
        if (rules.holder() != null) {
            AsmVisitorWrapper adopt = Advice.to(Adopt.class).on(isConstructor());
            AsmVisitorWrapper holderScope = Advice.to(HolderScope.class)
                    .on(named(rules.holderRelease()).and(takesArguments(0)));
            transforms.add(new AgentBuilder.RawMatcher.ForElementMatchers(TypeNames.named(rules.holder())),
                    (t, type, loader, module, domain) -> t.visit(adopt).visit(holderScope));
        }
        if (rules.unreleasable() != null) {
            AsmVisitorWrapper untrack = Advice.to(Untrack.class).on(isConstructor().and(takesArguments(1)));
            transforms.add(new AgentBuilder.RawMatcher.ForElementMatchers(TypeNames.named(rules.unreleasable())),
                    (t, type, loader, module, domain) -> t.visit(untrack));
        }
    }

    /** Adds the probe advice to the tracked class itself. */
    static DynamicType.Builder<?> probe(DynamicType.Builder<?> builder, Ownership rules, boolean attached) {
        return builder.visit(Advice.to(attached ? ProbeInTable.class : Probe.class)
                .on(named(rules.probe()).and(takesArguments(0)).and(not(isAbstract()))));
    }

    /** A holder's constructor: it took over one reference of its first argument. */
    static final class Adopt {
        private Adopt() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Object held) {
            if (Hooks.ON) {
                Hooks.probe(held, Probing.ADOPT);
            }
        }
    }

    /** An unreleasable wrapper's constructor: its argument is never released again. */
    static final class Untrack {
        private Untrack() {
        }

        @Advice.OnMethodExit
        static void exit(@Advice.Argument(0) Object wrapped) {
            if (Hooks.ON) {
                Hooks.probe(wrapped, Probing.UNTRACK);
            }
        }
    }

    /** A holder's release method: the release it makes drops the reference the holder held. */
    static final class HolderScope {
        private HolderScope() {
        }

        @Advice.OnMethodEnter
        static void enter() {
            if (Hooks.ON) {
                Hooks.enter(2);
            }
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class)
        static void exit() {
            if (Hooks.ON) {
                Hooks.exit(2);
            }
        }
    }

    /** The probe method, on a class transformed when it loaded (the lifetime in the added field). */
    static final class Probe {
        private Probe() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self,
                @Advice.FieldValue(value = FieldAdvice.FIELD, readOnly = false) Object life) {
            if (Hooks.ON) {
                life = Hooks.probed(self, life);
            }
        }
    }

    /** The probe method, on a class retransformed after attach (the lifetime in the side table). */
    static final class ProbeInTable {
        private ProbeInTable() {
        }

        @Advice.OnMethodEnter
        static void enter(@Advice.This Object self) {
            if (Hooks.ON) {
                Hooks.probedInTable(self);
            }
        }
    }
}
