package io.github.reftrack.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
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
        if (className == null || classBeingRedefined != null || busy.get() != null) {
            return null;
        }
        busy.set(Boolean.TRUE);
        String name = className.replace('/', '.');
        JavaModule javaModule = JavaModule.of(module);
        try {
            return transform(name, loader, javaModule, protectionDomain, classfileBuffer);
        } catch (Throwable e) { // as Byte Buddy's own transformer: any failure leaves the class as it is, reported
            listener.onError(name, loader, javaModule, false, e);
            return null;
        } finally {
            busy.remove();
        }
    }

    private byte[] transform(String name, ClassLoader loader, JavaModule module, ProtectionDomain domain,
            byte[] classFile) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                ClassFileLocator.ForClassLoader.of(loader));
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
