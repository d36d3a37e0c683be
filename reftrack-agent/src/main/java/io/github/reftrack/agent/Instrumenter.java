package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameMatches;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Installs the advice with Byte Buddy: at start-up each profile's class gets a field and the
 * field advice; when attached, loaded classes are retransformed with the side-table advice and
 * no change to their shape. A class that cannot be instrumented is skipped with one line
 * ({@link SkippedClasses}); each class instrumented counts for its profile in {@link ProfileMatches}.
 */
final class Instrumenter {
    private Instrumenter() {
    }

    /**
     * At start-up, registers a {@link LazyTransformer}: the {@link LoadTimeTransformer} is built
     * when the first class that may match loads and is not in the class cache ({@link CacheSettings}),
     * and sees no other class. When attached, installs
     * Byte Buddy's agent builder at once: the loaded classes are matched and retransformed now.
     */
    static void install(Instrumentation instrumentation, List<Profile> profiles, boolean attached, StartReport report,
            ProfileMatches matches) {
        if (attached) {
            AgentBuilder builder = new AgentBuilder.Default(byteBuddy())
                    .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                    .ignore(ignored())
                    .with(new SkippedClasses(report::warn))
                    .with(report)
                    .disableClassFormatChanges()
                    .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION);
            Transforms.OnAgentBuilder transforms = new Transforms.OnAgentBuilder(builder);
            register(transforms, profiles, true, new HookVisibility(report::warn), matches);
            transforms.builder().installOn(instrumentation);
        } else {
            HookVisibility hooks = new HookVisibility(report::warn);
            ClassCache cache = CacheSettings.open(matches.profiles(), profiles, report::warn);
            instrumentation.addTransformer(new LazyTransformer(new Candidates(profiles),
                    () -> loadTime(profiles, report, hooks, matches),
                    cache == null ? null : new CachedTransforms(cache, hooks, matches, report)));
        }
    }

    /** The transformations of classes as they load, for these profiles. */
    static LoadTimeTransformer loadTime(List<Profile> profiles, StartReport report, HookVisibility hooks,
            ProfileMatches matches) {
        LoadTimeTransformer transformer = new LoadTimeTransformer(byteBuddy(), ignored(),
                new AgentBuilder.Listener.Compound(new SkippedClasses(report::warn), report));
        register(transformer, profiles, false, hooks, matches);
        return transformer;
    }

    /** Reftrack itself (agent and core), never the applications that happen to share its name prefix. */
    private static ElementMatcher.Junction<TypeDescription> ignored() {
        return nameStartsWith("io.github.reftrack.agent.")
                .or(nameMatches("io\\.github\\.reftrack\\.(internal\\.[^.]+\\.|jmx\\.|jfr\\.)?[^.]+"))
                .or(nameStartsWith("net.bytebuddy."))
                .or(nameStartsWith("java.")).or(nameStartsWith("jdk.")).or(nameStartsWith("sun."));
    }

    private static ByteBuddy byteBuddy() {
        skipNexus();
        // advice is applied to each class's own methods: no need to resolve every inherited one
        return new ByteBuddy().with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE).with(TypeValidation.DISABLED);
    }

    private static void register(Transforms transforms, List<Profile> profiles, boolean attached, HookVisibility hooks,
            ProfileMatches matches) {
        for (Profile profile : profiles) {
            profile.rules().instrument(transforms, types -> visible(types, hooks));
            ElementMatcher.Junction<TypeDescription> types = profile.subtypes()
                    ? TypeNames.subTypeOf(profile.typeName()) : TypeNames.named(profile.typeName());
            transforms.add(visible(types, hooks), (b, type, loader, module, domain) -> {
                if (!profile.subtypes() || TypeNames.subTypeOf(profile.trackedType()).matches(type)) {
                    matches.matched(profile, type.getName());
                }
                return transform(b, type, profile, attached);
            });
        }
    }

    /**
     * Keeps the relocated Byte Buddy from injecting its {@code Nexus} class into the system class
     * loader when the agent builder is first created: that injection (a class generated and
     * defined at once) was about 0.8 s of CPU, most of the agent's start-up, for a feature inlined
     * advice never uses. The property's name is relocated with Byte Buddy, so an application's own
     * Byte Buddy is unaffected.
     */
    private static void skipNexus() {
        if (System.getProperty(Nexus.PROPERTY) == null) {
            System.setProperty(Nexus.PROPERTY, "true");
        }
    }

    /** The types, when their class loader can call the hooks (checked only for a matching type). */
    private static AgentBuilder.RawMatcher visible(ElementMatcher<TypeDescription> types, HookVisibility hooks) {
        return (type, loader, module, redefined, domain) -> types.matches(type) && hooks.sees(loader, type.getName());
    }

    private static DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
            Profile profile, boolean attached) {
        // the topmost class of the profile's type carries the field and counts a constructor birth
        boolean named = TypeNames.isTopmost(type, profile.typeName());
        Methods methods = new Methods(type, profile, attached ? TableAdvice.class : FieldAdvice.class);
        DynamicType.Builder<?> b = builder;
        if (!attached && named) {
            b = b.defineField(FieldAdvice.FIELD, Object.class, FieldAdvice.MODIFIERS);
        }
        if (named) {
            b = profile.rules().onTrackedClass(b, attached);
        }
        for (String text : profile.birth()) {
            MethodSpec birth = MethodSpec.parse(text);
            if (birth.isConstructor()) {
                if (named) {
                    b = constructorBirth(b, methods, birth);
                }
                continue;
            }
            if (birth.noArgs()) {
                b = b.visit(methods.advice("Birth", birth.count(), methods.instance(birth).and(takesArguments(0))));
            }
            if (birth.intArg()) {
                b = b.visit(methods.advice("BirthN", 1, methods.instance(birth).and(takesArguments(int.class))));
            }
        }
        for (String text : profile.acquire()) {
            MethodSpec acquire = MethodSpec.parse(text);
            if (acquire.noArgs()) {
                ElementMatcher.Junction<MethodDescription> noArgs = methods.instance(acquire).and(takesArguments(0));
                b = b.visit(methods.advice("Acquire", 1, noArgs.and(not(returns(boolean.class)))));
                b = b.visit(methods.advice("AcquireIf", 1, noArgs.and(returns(boolean.class))));
            }
            if (acquire.intArg()) {
                b = b.visit(methods.advice("AcquireN", 1, methods.instance(acquire).and(takesArguments(int.class))));
            }
        }
        for (String text : profile.release()) {
            MethodSpec release = MethodSpec.parse(text);
            if (release.noArgs()) {
                b = b.visit(methods.advice("Release", 1, methods.instance(release).and(takesArguments(0))));
            }
            if (release.intArg()) {
                b = b.visit(methods.advice("ReleaseN", 1, methods.instance(release).and(takesArguments(int.class))));
            }
        }
        return b;
    }

    /**
     * {@code <init>} and {@code <init>:N}: every constructor starts a lifetime with the count;
     * {@code <init>()} only the one without arguments; {@code <init>(int)} only the one taking
     * the count as its argument (Jetty's {@code ReferenceCounter(int)}, to which the others
     * delegate). A birth with no reference changes nothing: the first acquire starts the lifetime.
     */
    private static DynamicType.Builder<?> constructorBirth(DynamicType.Builder<?> builder, Methods methods,
            MethodSpec birth) {
        if (birth.hasArity() && birth.intArg()) {
            return builder.visit(methods.advice("BirthN", 1, isConstructor().and(takesArguments(int.class))));
        }
        if (birth.count() <= 0) {
            return builder;
        }
        ElementMatcher.Junction<MethodDescription> constructors = birth.hasArity()
                ? isConstructor().and(takesArguments(0)) : isConstructor();
        return builder.visit(methods.advice("Birth", birth.count(), constructors));
    }

    /** The advice of one class being transformed for one profile. */
    private static final class Methods {
        private final TypeDescription type;
        private final Profile profile;
        private final Class<?> holder;

        Methods(TypeDescription type, Profile profile, Class<?> holder) {
            this.type = type;
            this.profile = profile;
            this.holder = holder;
        }

        /** The instance methods with code of that name: not bridges, not abstract, not static. */
        ElementMatcher.Junction<MethodDescription> instance(MethodSpec method) {
            return not(isBridge()).and(not(isAbstract())).and(not(isStatic()))
                    .and(named(method.name()));
        }

        AsmVisitorWrapper advice(String kind, int count, ElementMatcher<? super MethodDescription> methods) {
            for (Class<?> nested : holder.getDeclaredClasses()) {
                if (nested.getSimpleName().equals(kind)) {
                    return Bound.mapping(type, profile, count).to(nested).on(methods);
                }
            }
            throw new IllegalStateException("no advice " + kind + " in " + holder.getName());
        }
    }
}
