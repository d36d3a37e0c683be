package io.github.reftrack.agent;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The agent's transformer at start-up: hands Byte Buddy only the classes that {@link Candidates}
 * lets through, and builds Byte Buddy's transformer when the first of them loads, so a JVM that
 * never loads a tracked class never loads Byte Buddy's matching and advice machinery, and every
 * other class costs a name look-up. Thread-safe: the transformer is built once, under a lock; a
 * class loaded while it is being built (Byte Buddy's own) is never a candidate.
 */
final class LazyTransformer implements ClassFileTransformer {
    private final Candidates candidates;
    private final Supplier<ClassFileTransformer> factory;
    private volatile ClassFileTransformer delegate;

    LazyTransformer(Candidates candidates, Supplier<ClassFileTransformer> factory) {
        this.candidates = candidates;
        this.factory = factory;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain, byte[] classfileBuffer) throws IllegalClassFormatException {
        if (className == null || !candidates.mayMatch(className, classfileBuffer)) {
            return null;
        }
        return delegate().transform(module, loader, className, classBeingRedefined, protectionDomain,
                classfileBuffer);
    }

    private ClassFileTransformer delegate() {
        ClassFileTransformer built = delegate;
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
