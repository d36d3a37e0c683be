package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.nameMatches;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Modifier;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs the advice with Byte Buddy: at start-up each profile's class gets a field and the
 * field advice; when attached, loaded classes are retransformed with the side-table advice and
 * no change to their shape.
 */
final class Instrumenter {
    private Instrumenter() {
    }

    static void install(Instrumentation instrumentation, List<Profile> profiles, boolean attached) {
        AgentBuilder builder = new AgentBuilder.Default()
                // reftrack itself (agent and core), never the applications that happen to share its name prefix
                .ignore(nameStartsWith("io.github.reftrack.agent.")
                        .or(nameMatches("io\\.github\\.reftrack\\.(capture\\.|jmx\\.|jfr\\.)?[^.]+"))
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameStartsWith("java.")).or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")))
                .with(AgentBuilder.Listener.StreamWriting.toSystemError().withErrorsOnly());
        if (attached) {
            builder = builder.disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
        }
        for (Profile profile : profiles) {
            if (profile.derivedType() != null) {
                builder = builder.type(named(profile.derivedType())).transform((b, type, loader, module, domain) ->
                        b.visit(Advice.to(DerivedScope.class).on(named("init").or(named("deallocate")))));
            }
            if (profile.internalBirth() != null) {
                String[] internal = profile.internalBirth().split("#");
                builder = builder.type(nameStartsWith(internal[0])).transform((b, type, loader, module, domain) ->
                        b.visit(Advice.to(InternalScope.class).on(named(internal[1]).and(not(isAbstract())))));
            }
            builder = OwnershipAdvice.install(builder, profile);
            ElementMatcher.Junction<TypeDescription> types = profile.subtypes()
                    ? isSubTypeOf(profile.typeName()) : named(profile.typeName());
            builder = builder.type(types).transform((b, type, loader, module, domain) ->
                    transform(b, type, profile, attached));
        }
        builder.installOn(instrumentation);
    }

    private static ElementMatcher.Junction<TypeDescription> isSubTypeOf(String name) {
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription target) {
                for (TypeDescription.Generic t = target.asGenericType(); t != null; t = t.getSuperClass()) {
                    if (t.asErasure().getName().equals(name)) {
                        return true;
                    }
                }
                return false;
            }
        };
    }

    private static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
            Profile profile, boolean attached) {
        boolean named = type.getName().equals(profile.typeName());
        Class<?> advice = attached ? TableAdvice.class : FieldAdvice.class;
        DynamicType.Builder<?> b = builder;
        if (!attached && named) {
            b = b.defineField(FieldAdvice.FIELD, Object.class, Modifier.PUBLIC | Modifier.TRANSIENT | 0x1000);
        }
        ElementMatcher.Junction<MethodDescription> real = not(isBridge()).and(not(isAbstract()));
        if (named) {
            b = OwnershipAdvice.probe(b, profile, attached);
        }
        for (String name : profile.birth()) {
            if (name.equals(Profile.CONSTRUCTOR)) {
                if (named) {
                    b = b.visit(visit(advice, "Birth", isConstructor()));
                }
            } else {
                b = b.visit(visit(advice, "Birth", real.and(named(name)).and(takesArguments(0))));
                b = b.visit(visit(advice, "BirthN", real.and(named(name)).and(takesArguments(int.class))));
            }
        }
        for (String name : profile.acquire()) {
            b = b.visit(visit(advice, "Acquire", real.and(named(name)).and(takesArguments(0))
                    .and(not(returns(boolean.class)))));
            b = b.visit(visit(advice, "AcquireIf", real.and(named(name)).and(takesArguments(0))
                    .and(returns(boolean.class))));
            b = b.visit(visit(advice, "AcquireN", real.and(named(name)).and(takesArguments(int.class))));
        }
        for (String name : profile.release()) {
            b = b.visit(visit(advice, "Release", real.and(named(name)).and(takesArguments(0))));
            b = b.visit(visit(advice, "ReleaseN", real.and(named(name)).and(takesArguments(int.class))));
        }
        return b;
    }

    private static AsmVisitorWrapper visit(Class<?> holder, String kind,
            ElementMatcher<? super MethodDescription> methods) {
        for (Class<?> nested : holder.getDeclaredClasses()) {
            if (nested.getSimpleName().equals(kind)) {
                return Advice.to(nested).on(methods);
            }
        }
        throw new IllegalStateException("no advice " + kind + " in " + holder.getName());
    }
}
