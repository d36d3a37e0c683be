package io.github.reftrack.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The agent's transformer at start-up: hands Byte Buddy only the classes that {@link Candidates}
 * lets through, and builds Byte Buddy's transformer when the first of them loads, so a JVM that
 * never loads a tracked class never loads Byte Buddy's matching and advice machinery, and every
 * other class costs a name look-up; with the class cache ({@link CachedTransforms}), a JVM whose
 * candidates were all transformed before builds it not at all. Thread-safe: the transformer is
 * built once, under a lock; a class loaded while it is being built (Byte Buddy's own) is never a
 * candidate.
 */
final class LazyTransformer implements ClassFileTransformer {
    private final Candidates candidates;
    private final Supplier<LoadTimeTransformer> factory;
    private final CachedTransforms cache;
    private volatile LoadTimeTransformer delegate;

    /**
     * A transformer for the candidates.
     *
     * @param candidates the classes that may be instrumented
     * @param factory    builds the transformer
     * @param cache      the class cache in front of it, or null
     */
    LazyTransformer(Candidates candidates, Supplier<LoadTimeTransformer> factory, CachedTransforms cache) {
        this.candidates = candidates;
        this.factory = factory;
        this.cache = cache;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        if (className == null || !candidates.mayMatch(className, classfileBuffer)) {
            return null;
        }
        if (cache != null && classBeingRedefined == null) {
            return cache.transform(this::delegate, module, loader, className, protectionDomain, classfileBuffer);
        }
        return delegate().transform(module, loader, className, classBeingRedefined, protectionDomain,
                classfileBuffer);
    }

    private LoadTimeTransformer delegate() {
        LoadTimeTransformer built = delegate;
        if (built == null) {
            synchronized (this) {
                built = delegate;
                if (built == null) {
                    built = factory.get();
                    delegate = built;
                }
            }
        }
        return built;
    }
}
