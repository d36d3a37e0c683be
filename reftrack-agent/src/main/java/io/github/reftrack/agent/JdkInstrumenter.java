package io.github.reftrack.agent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.io.FileDescriptor;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Instruments the JDK's closeable classes of the profiles whose rules say
 * {@link ProfileRules#jdkTypes()}: puts the {@link io.github.reftrack.agent.boot.ResourceBridge} on
 * the bootstrap class path ({@link BootstrapBridge}), registers {@link JdkOpens} in it, then
 * retransforms the classes already loaded ({@code FileInputStream} is loaded before any agent
 * starts) and transforms the others when they load. The class files keep their shape
 * (retransformation may add no field), so lifetimes live in the agent's side table. The
 * {@code java.io} constructors that wrap an existing {@link FileDescriptor} open nothing and are
 * not births. The types a profile's rules add ({@link ProfileRules#instrumentedTypes()}) get the
 * {@code close()} advice only: the class where tracked classes inherit their {@code close()} from.
 */
final class JdkInstrumenter {
    private JdkInstrumenter() {
    }

    static void install(Instrumentation instrumentation, List<Profile> profiles, AgentRuntime runtime,
            StartReport report, ProfileMatches matches) {
        if (profiles.isEmpty()) {
            return;
        }
        Consumer<String> problems = report::warn;
        JdkOpens opens = new JdkOpens(runtime);
        if (!BootstrapBridge.install(instrumentation, opens::opened, opens::closed, problems)) {
            return;
        }
        Set<String> names = new HashSet<>();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy()
                .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE).with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                // described from class files, not by reflection on loaded classes: reflection loads the
                // classes in their signatures (SocketChannelImpl's socket() loads Socket), and a class
                // loaded while a transformer runs is never transformed
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                // the default ignores the bootstrap loader's classes: those are the ones wanted here
                .ignore(none())
                .with(new SkippedClasses(problems))
                .with(report);
        Set<String> closers = new HashSet<>();
        for (Profile profile : profiles) {
            closers.addAll(profile.rules().instrumentedTypes());
        }
        for (String closer : closers) {
            names.add(closer.replace('.', '/'));
            builder = builder.type(named(closer)).transform((b, type, loader, module, domain) ->
                    b.visit(Advice.to(CloseableAdvice.Close.class).on(named("close").and(takesArguments(0)))));
        }
        for (Profile profile : present(profiles, problems)) {
            names.add(profile.typeName().replace('.', '/'));
            builder = builder.type(named(profile.typeName())).transform((b, type, loader, module, domain) -> {
                matches.matched(profile, type.getName());
                return b.visit(Advice.to(CloseableAdvice.Open.class).on(opening(type.getName())))
                        .visit(Advice.to(CloseableAdvice.Close.class).on(closing(type.getName())))
                        .visit(Advice.to(CloseableAdvice.Exhausted.class).on(exhausting(type.getName())));
            });
        }
        ClassFileTransformer transformer = new Named(names, builder.makeRaw());
        instrumentation.addTransformer(transformer, true);
        Set<Class<?>> done = retransformLoaded(instrumentation, names, Set.of(), problems);
        // a class loaded while a transformer ran (the JVM calls none re-entrantly) is in neither the
        // first list nor transformed: once more, for those
        retransformLoaded(instrumentation, names, done, problems);
    }

    /**
     * The profiles whose class this JDK has (the directory streams are the Unix file systems';
     * another JDK may lack a class or name it otherwise); one line for each it has not.
     */
    static List<Profile> present(List<Profile> profiles, Consumer<String> problems) {
        List<Profile> present = new ArrayList<>();
        for (Profile profile : profiles) {
            if (ClassLoader.getSystemResource(profile.typeName().replace('.', '/') + ".class") != null) {
                present.add(profile);
            } else {
                problems.accept(profile.label() + ": this JDK (" + Runtime.version() + ", "
                        + System.getProperty("os.name") + ") has no class " + profile.typeName() + ", so its "
                        + profile.dirClass() + " resources are not tracked; the other classes are");
            }
        }
        return present;
    }

    /** The method that closes the resource: {@code close()}, but a directory stream's {@code closeImpl()}. */
    private static ElementMatcher.Junction<MethodDescription> closing(String typeName) {
        return named(typeName.equals(CloseableProfile.DIRECTORY_STREAM) ? "closeImpl" : "close")
                .and(takesArguments(0));
    }

    /** {@code hasNext()} of a walk's iterator; nothing on other classes. */
    private static ElementMatcher.Junction<MethodDescription> exhausting(String typeName) {
        return typeName.equals(CloseableProfile.WALK) ? named("hasNext").and(takesArguments(0)) : none();
    }

    /** The constructors that open a resource: in {@code java.io}, not those that wrap a {@link FileDescriptor}. */
    private static ElementMatcher.Junction<MethodDescription> opening(String typeName) {
        return typeName.startsWith("java.io.") ? isConstructor().and(not(takesArgument(0, FileDescriptor.class)))
                : isConstructor();
    }

    /** Retransforms the loaded classes of those names but {@code done}; returns those it retransformed. */
    private static Set<Class<?>> retransformLoaded(Instrumentation instrumentation, Set<String> names,
            Set<Class<?>> done, Consumer<String> problems) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (type.getClassLoader() == null && names.contains(type.getName().replace('.', '/'))
                    && !done.contains(type)) {
                loaded.add(type);
            }
        }
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(Class<?>[]::new));
            } catch (UnmodifiableClassException | RuntimeException | LinkageError e) {
                problems.accept("cannot instrument the JDK's " + loaded + " (" + SkippedClasses.reason(e)
                        + "); resources of theirs opened from now on are not tracked");
            }
        }
        return new HashSet<>(loaded);
    }

    /** Hands Byte Buddy only the named classes, so every other class loaded costs a set look-up. */
    private static final class Named implements ClassFileTransformer {
        private final Set<String> names;
        private final ClassFileTransformer delegate;

        Named(Set<String> names, ClassFileTransformer delegate) {
            this.names = names;
            this.delegate = delegate;
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
                ProtectionDomain protectionDomain, byte[] classfileBuffer) {
            if (loader != null || className == null || !names.contains(className)) {
                return null;
            }
            try {
                return delegate.transform(module, loader, className, classBeingRedefined, protectionDomain,
                        classfileBuffer);
            } catch (IllegalClassFormatException e) {
                return null;
            }
        }
    }
}
