package io.github.reftrack.agent;

import java.security.ProtectionDomain;
import java.util.function.Supplier;

/**
 * The load-time transformations through the {@link ClassCache}: a class file transformed by an
 * earlier JVM with the same agent, JDK and profiles, whose other class files read the same, gets
 * the cached result, and what the transformation reported (the profiles it matched, one class
 * instrumented) is reported again, without Byte Buddy; any other class is transformed and its
 * result kept. Classes of the bootstrap loader and of loaders that cannot call the hooks are
 * always transformed (the latter then says why it is skipped). Thread-safe.
 */
final class CachedTransforms {
    private final ClassCache cache;
    private final HookVisibility hooks;
    private final ProfileMatches matches;
    private final StartReport report;

    CachedTransforms(ClassCache cache, HookVisibility hooks, ProfileMatches matches, StartReport report) {
        this.cache = cache;
        this.hooks = hooks;
        this.matches = matches;
        this.report = report;
    }

    /**
     * The class file to define for a class being loaded (not redefined), or null to leave it as it is.
     *
     * @param transformer the transformations, built at the first call that needs them
     */
    byte[] transform(Supplier<LoadTimeTransformer> transformer, Module module, ClassLoader loader, String className,
            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || !hooks.resolves(loader)) {
            return transformer.get().transform(module, loader, className, null, domain, classFile);
        }
        String key = cache.key(className, classFile);
        CachedClass cached = cache.read(key);
        String name = className.replace('/', '.');
        if (cached != null && cached.stillValid(loader)) {
            for (int profile : cached.profiles()) {
                matches.matched(profile, name);
            }
            if (cached.bytes() != null) {
                report.instrumentedOne();
            }
            return cached.bytes();
        }
        LoadTimeTransformer.Outcome outcome = transformer.get().outcome(module, loader, className, domain, classFile,
                true);
        if (outcome.cacheable()) {
            cache.write(key, new CachedClass(outcome.bytes(), matches.matchedBy(name), outcome.read()));
        }
        return outcome.bytes();
    }
}
