package io.github.reftrack.agent;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * The class's loader as Byte Buddy reads other class files through it (supertypes, for the
 * matchers and the stack map frames), noting the digest of each it read when recording: a cached
 * transformation stays valid while those read the same ({@link CachedClass}). Confined to one
 * transformation.
 */
final class ReadClassFiles implements ClassFileLocator {
    private final ClassFileLocator loader;
    private final boolean record;
    private final Map<String, String> digests = new LinkedHashMap<>();

    ReadClassFiles(ClassFileLocator loader, boolean record) {
        this.loader = loader;
        this.record = record;
    }

    @Override
    public Resolution locate(String name) throws IOException {
        Resolution resolution = loader.locate(name);
        if (record) {
            String internalName = name.replace('.', '/');
            digests.put(internalName, resolution.isResolved() ? CachedClass.digest(resolution.resolve()) : "");
        }
        return resolution;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    /** The class files read so far, by internal name, with their hash ({@code ""}: not found). */
    Map<String, String> digests() {
        return Map.copyOf(digests);
    }
}
