package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCacheTest {
    private static final byte[] CONTEXT = "agent build 1".getBytes(StandardCharsets.UTF_8);
    private final List<String> problems = new ArrayList<>();
    private final List<Profile> profiles = new NettyProfile().profiles(null, problems::add);
    private static final Module MODULE = ByteBuf.class.getModule();
    private final ClassLoader loader = ByteBuf.class.getClassLoader();

    @TempDir
    Path dir;

    @Test
    void cachedNettyClassesAreTheBytesTheTransformationGives_withoutByteBuddy() throws IOException {
        Map<String, byte[]> candidates = nettyCandidates();
        assertThat(candidates).containsKey("io/netty/buffer/AbstractReferenceCountedByteBuf").hasSizeGreaterThan(10);
        LoadTimeTransformer direct = transformer(new ProfileMatches(profiles));
        ProfileMatches first = new ProfileMatches(profiles);
        CachedTransforms filling = cached(new ClassCache(dir, CONTEXT, problems::add), first);
        ProfileMatches second = new ProfileMatches(profiles);
        CachedTransforms reading = cached(new ClassCache(dir, CONTEXT, problems::add), second);
        int transformed = 0;
        for (Map.Entry<String, byte[]> c : candidates.entrySet()) {
            byte[] expected = direct.transform(MODULE, loader, c.getKey(), null, null, c.getValue());
            byte[] stored = filling.transform(() -> transformer(first), MODULE, loader, c.getKey(), null, c.getValue());
            byte[] hit = reading.transform(() -> {
                throw new AssertionError("cache miss for " + c.getKey());
            }, MODULE, loader, c.getKey(), null, c.getValue());
            assertThat(stored).as(c.getKey()).isEqualTo(expected);
            assertThat(hit).as(c.getKey()).isEqualTo(expected);
            transformed += expected == null ? 0 : 1;
            String name = c.getKey().replace('/', '.');
            assertThat(second.matchedBy(name)).as(name).isEqualTo(first.matchedBy(name));
        }
        assertThat(transformed).isGreaterThanOrEqualTo(6);
        assertThat(second.matchedBy("io.netty.buffer.AbstractReferenceCountedByteBuf")).containsExactly(0);
        assertThat(problems).isEmpty();
    }

    @Test
    void changedClassFileProfilesOrAgentBuildMiss() throws IOException {
        byte[] original = nettyCandidates().get("io/netty/buffer/AbstractReferenceCountedByteBuf");
        ClassCache cache = new ClassCache(dir, CONTEXT, problems::add);
        String name = "io/netty/buffer/AbstractReferenceCountedByteBuf";
        cached(cache, new ProfileMatches(profiles)).transform(() -> transformer(new ProfileMatches(profiles)), MODULE,
                loader, name, null, original);
        assertThat(cache.read(cache.key(name, original))).isNotNull();

        byte[] changed = original.clone();
        changed[changed.length - 1] ^= 1;
        assertThat(cache.read(cache.key(name, changed))).isNull();
        ClassCache otherBuild = new ClassCache(dir, "agent build 2".getBytes(StandardCharsets.UTF_8), problems::add);
        assertThat(otherBuild.read(otherBuild.key(name, original))).isNull();
        List<Profile> relocated = new NettyProfile().profiles("io.grpc.netty.shaded", problems::add);
        assertThat(CacheSettings.describe(relocated)).isNotEqualTo(CacheSettings.describe(profiles));
        assertThat(problems).isEmpty();
    }

    @Test
    void entryIsUsedOnlyWhileTheClassFilesItReadAreUnchanged() {
        CachedClass same = new CachedClass(null, List.of(), Map.of("io/netty/buffer/AbstractByteBuf",
                CachedClass.digestOf(loader, "io/netty/buffer/AbstractByteBuf"), "io/netty/buffer/Missing", ""));
        CachedClass changed = new CachedClass(null, List.of(), Map.of("io/netty/buffer/AbstractByteBuf", "00"));
        CachedClass nowPresent = new CachedClass(null, List.of(), Map.of("io/netty/buffer/ByteBuf", ""));

        assertThat(same.stillValid(loader)).isTrue();
        assertThat(changed.stillValid(loader)).isFalse();
        assertThat(nowPresent.stillValid(loader)).isFalse();
    }

    @Test
    void corruptEntryIsIgnored_withOneLine() throws IOException {
        ClassCache cache = new ClassCache(dir, CONTEXT, problems::add);
        String key = cache.key("a/B", new byte[] {1, 2, 3});
        cache.write(key, new CachedClass(new byte[] {4, 5}, List.of(0), Map.of()));
        Path entry = Files.list(dir).filter(p -> p.toString().endsWith(".class-cache")).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry, bytes);

        assertThat(cache.read(key)).isNull();
        Files.write(entry, new byte[] {1});
        assertThat(cache.read(key)).isNull();
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("cannot be used", entry.toString());

        cache.write(key, new CachedClass(new byte[] {4, 5}, List.of(0), Map.of()));
        assertThat(cache.read(key).bytes()).containsExactly(4, 5);
    }

    @Test
    void unwritableDirectoryIsSaidOnce_andTransformationGoesOn() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        ClassCache cache = new ClassCache(file.resolve("cache"), CONTEXT, problems::add);
        CachedTransforms transforms = cached(cache, new ProfileMatches(profiles));
        byte[] original = nettyCandidates().get("io/netty/buffer/AbstractReferenceCountedByteBuf");
        for (int i = 0; i < 2; i++) {
            assertThat(transforms.transform(() -> transformer(new ProfileMatches(profiles)), MODULE, loader,
                    "io/netty/buffer/AbstractReferenceCountedByteBuf", null, original)).isNotNull();
        }
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).contains("cannot write the class cache", "reftrack.cache=off");
    }

    @Test
    void jvmsWritingOneEntryAtOnceLeaveAWholeEntry() throws Exception {
        ClassCache cache = new ClassCache(dir, CONTEXT, problems::add);
        String key = cache.key("a/B", new byte[] {1});
        byte[] bytes = new byte[200_000];
        bytes[7] = 7;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                writes.add(pool.submit(() -> {
                    cache.write(key, new CachedClass(bytes, List.of(1), Map.of("a/C", "")));
                    assertThat(cache.read(key)).isNotNull();
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(cache.read(key).bytes()).isEqualTo(bytes);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(key + ".class-cache");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void directoryOverTheBoundLosesItsOldestEntries() throws IOException {
        for (int i = 0; i < 8; i++) {
            Path entry = Files.write(dir.resolve("e" + i + ".class-cache"), new byte[1000]);
            Files.setLastModifiedTime(entry, FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        Path staleTemp = Files.write(dir.resolve("x.tmp"), new byte[10]);
        Files.setLastModifiedTime(staleTemp, FileTime.fromMillis(0));

        CacheSize.prune(dir, ".class-cache", 6000);

        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("e4.class-cache",
                    "e5.class-cache", "e6.class-cache", "e7.class-cache");
        }
    }

    private LoadTimeTransformer transformer(ProfileMatches matches) {
        return Instrumenter.loadTime(profiles, new StartReport(), new HookVisibility(problems::add), matches);
    }

    private CachedTransforms cached(ClassCache cache, ProfileMatches matches) {
        return new CachedTransforms(cache, new HookVisibility(problems::add), matches, new StartReport());
    }

    /** The class files of Netty's buffer jar that the start-up filter lets through. */
    private Map<String, byte[]> nettyCandidates() throws IOException {
        Candidates candidates = new Candidates(profiles);
        Map<String, byte[]> found = new LinkedHashMap<>();
        Path jar = Path.of(ByteBuf.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements();) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().contains("-")) {
                    String name = entry.getName().substring(0, entry.getName().length() - ".class".length());
                    byte[] bytes = file.getInputStream(entry).readAllBytes();
                    if (candidates.mayMatch(name, bytes)) {
                        found.put(name, bytes);
                    }
                }
            }
        }
        return found;
    }
}
