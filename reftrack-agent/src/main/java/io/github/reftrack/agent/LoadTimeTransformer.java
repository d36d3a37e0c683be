package io.github.reftrack.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * The agent's transformer at start-up: for each class {@link Candidates} lets through, describes
 * it from its class file, applies every matching transformation with Byte Buddy and returns the
 * new class file. It does what Byte Buddy's agent builder does for a class being loaded (the same
 * type pool, class file locator, rebasing and listener calls) without building the agent
 * builder's own transformer, which generates and defines a class at once and was about half of
 * the agent's start-up CPU. Redefinitions by other agents are left alone (a field cannot be added
 * then). Thread-safe once built: the transformations are added before the first class is seen,
 * and a class loaded while this thread transforms another is left as it is.
 */
final class LoadTimeTransformer implements ClassFileTransformer, Transforms {
    private final ByteBuddy byteBuddy;
    private final ElementMatcher<? super TypeDescription> ignored;
    private final AgentBuilder.Listener listener;
    private final List<AgentBuilder.RawMatcher> types = new ArrayList<>();
    private final List<AgentBuilder.Transformer> transformers = new ArrayList<>();
    private final ThreadLocal<Boolean> busy = new ThreadLocal<>();

    LoadTimeTransformer(ByteBuddy byteBuddy, ElementMatcher<? super TypeDescription> ignored,
            AgentBuilder.Listener listener) {
        this.byteBuddy = byteBuddy;
        this.ignored = ignored;
        this.listener = listener;
    }

    @Override
    public Transforms add(AgentBuilder.RawMatcher matcher, AgentBuilder.Transformer transformer) {
        types.add(matcher);
        transformers.add(transformer);
        return this;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (className == null || classBeingRedefined != null) {
            return null;
        }
        return outcome(module, loader, className, protectionDomain, classfileBuffer, false).bytes();
    }

    /**
     * Transforms a class being loaded as {@link #transform} does, and says which other class files
     * it read through the loader ({@code record}) and whether the result may be cached: not when
     * the transformation failed, or when the class was left alone because this thread was busy
     * transforming another.
     */
    Outcome outcome(Module module, ClassLoader loader, String className, ProtectionDomain protectionDomain,
            byte[] classfileBuffer, boolean record) {
        if (busy.get() != null) {
            return Outcome.SKIPPED;
        }
        busy.set(Boolean.TRUE);
        String name = className.replace('/', '.');
        JavaModule javaModule = JavaModule.of(module);
        ReadClassFiles read = new ReadClassFiles(ClassFileLocator.ForClassLoader.of(loader), record);
        try {
            return new Outcome(transform(name, loader, javaModule, protectionDomain, classfileBuffer, read),
                    read.digests(), true);
        } catch (Throwable e) { // as Byte Buddy's own transformer: any failure leaves the class as it is, reported
            listener.onError(name, loader, javaModule, false, e);
            return Outcome.SKIPPED;
        } finally {
            busy.remove();
        }
    }

    /**
     * What transforming a class gave.
     *
     * @param bytes     the new class file, or null to leave the class as it is
     * @param read      the other class files read through the loader, with their digests ({@link CachedClass})
     * @param cacheable whether another JVM may reuse it
     */
    record Outcome(byte[] bytes, Map<String, String> read, boolean cacheable) {
        static final Outcome SKIPPED = new Outcome(null, Map.of(), false);
    }

    private byte[] transform(String name, ClassLoader loader, JavaModule module, ProtectionDomain domain,
            byte[] classFile, ClassFileLocator fromLoader) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                fromLoader);
        TypePool pool = new TypePool.Default.WithLazyResolution(TypePool.CacheProvider.Simple.withObjectType(),
                locator, TypePool.Default.ReaderMode.FAST);
        TypeDescription type = pool.describe(name).resolve();
        if (ignored.matches(type)) {
            return null;
        }
        DynamicType.Builder<?> builder = null;
        for (int i = 0; i < types.size(); i++) {
            if (types.get(i).matches(type, loader, module, null, domain)) {
                builder = transformers.get(i).transform(builder != null ? builder : byteBuddy.rebase(type, locator),
                        type, loader, module, domain);
            }
        }
        if (builder == null) {
            return null;
        }
        DynamicType.Unloaded<?> made = builder.make(TypeResolutionStrategy.Disabled.INSTANCE, pool);
        listener.onTransformation(type, loader, module, false, made);
        return made.getBytes();
    }
}
