package io.github.reftrack.agent;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Where the {@link ClassCache} lives ({@value #PROPERTY}: a directory, or {@code off}; by default
 * {@code reftrack/classes} under the user's cache directory) and what its entries depend on besides
 * the class file: the agent build (the hash of its jar's central directory, which holds every
 * entry's CRC-32 and size), the JDK's version, and each profile as it shapes the output.
 */
final class CacheSettings {
    /** {@code off}, or the cache's directory. */
    static final String PROPERTY = "reftrack.cache";
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int END_RECORD = 22;

    private CacheSettings() {
    }

    /**
     * The cache for these load-time profiles, or null when it is off: {@code -Dreftrack.cache=off},
     * a profile that tracks subtypes (whether a class is one depends on more than the class files it
     * reads), or an agent not run from its jar.
     */
    static ClassCache open(List<Profile> all, List<Profile> loadTime, Consumer<String> problems) {
        String setting = System.getProperty(PROPERTY, "").strip();
        if (setting.equalsIgnoreCase("off") || loadTime.isEmpty() || loadTime.stream().anyMatch(Profile::subtypes)) {
            return null;
        }
        Path dir = setting.isEmpty() ? defaultDir() : Path.of(setting);
        byte[] agent = agentDigest();
        if (dir == null || agent == null) {
            return null;
        }
        return new ClassCache(dir, new ContentHash().update(agent).update(describe(all)).bytes(), problems);
    }

    /** What each profile contributes to the transformed class files, in the agent's order. */
    static String describe(List<Profile> profiles) {
        StringBuilder text = new StringBuilder("jdk ").append(Runtime.version()).append(' ')
                .append(System.getProperty("java.vm.vendor")).append(' ').append(System.getProperty("java.home"))
                .append('\n');
        for (Profile p : profiles) {
            text.append(String.join("|", String.valueOf(p.library()), p.dirClass(), p.typeName(),
                    Boolean.toString(p.subtypes()), new TreeSet<>(p.acquire()).toString(),
                    new TreeSet<>(p.release()).toString(), new TreeSet<>(p.birth()).toString(),
                    String.valueOf(p.instancesOf()), p.rules().getClass().getName(),
                    p.rules().instrumentedTypes().toString(), String.valueOf(p.rules().probe()),
                    Boolean.toString(p.rules().jdkTypes()))).append('\n');
        }
        return text.toString();
    }

    /** {@code $XDG_CACHE_HOME}, {@code ~/Library/Caches} or {@code %LOCALAPPDATA%}, else {@code ~/.cache}. */
    private static Path defaultDir() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        String xdg = System.getenv("XDG_CACHE_HOME");
        String local = System.getenv("LOCALAPPDATA");
        Path base;
        if (xdg != null && !xdg.isBlank()) {
            base = Path.of(xdg);
        } else if (os.startsWith("windows") && local != null && !local.isBlank()) {
            base = Path.of(local);
        } else if (home == null || home.isBlank() || home.equals("?")) {
            return null;
        } else {
            base = Path.of(home, os.startsWith("mac") ? "Library/Caches" : ".cache");
        }
        return base.resolve("reftrack").resolve("classes");
    }

    /** The hash of the agent jar's central directory, or null when the agent does not run from a jar. */
    static byte[] agentDigest() {
        try {
            CodeSource source = ReftrackAgent.class.getProtectionDomain().getCodeSource();
            Path jar = source == null ? null : Path.of(source.getLocation().toURI());
            return jar != null && Files.isRegularFile(jar) ? centralDirectoryDigest(jar) : null;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    static byte[] centralDirectoryDigest(Path jar) throws IOException {
        try (FileChannel channel = FileChannel.open(jar)) {
            long size = channel.size();
            int tail = (int) Math.min(size, END_RECORD + 0xffff);
            ByteBuffer end = read(channel, size - tail, tail);
            for (int at = tail - END_RECORD; at >= 0; at--) {
                if (end.getInt(at) == END_OF_DIRECTORY) {
                    long length = end.getInt(at + 12) & 0xffffffffL;
                    long offset = end.getInt(at + 16) & 0xffffffffL;
                    if (offset + length > size || length > Integer.MAX_VALUE) {
                        return null;
                    }
                    return new ContentHash().update(read(channel, offset, (int) length)).bytes();
                }
            }
            return null;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("jar shorter than its directory says");
            }
        }
        return buffer.flip();
    }
}
