package io.github.reftrack.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The persistent cache of transformed class files ({@code -Dreftrack.cache}): one file per class
 * file and agent set-up, named by the {@link ContentHash} of the set-up's {@code context} (the
 * agent build, the JDK, the profiles), the class's name and its original bytes. Each file starts
 * with the hash of the rest, so a truncated or corrupted entry is never used: it is ignored (one line
 * the first time) and written again.
 *
 * <p>Writes go to a temporary file in the same directory that is then moved over the entry
 * atomically: a reader sees a whole entry or none, and JVMs writing the same entry at once write
 * the same bytes, whichever move wins. The directory is kept under {@value #MAX_BYTES} bytes: the
 * first write of each JVM removes the oldest entries when it is larger. Thread-safe.
 */
final class ClassCache {
    /** The most the directory holds before the oldest entries are removed. */
    static final long MAX_BYTES = 64L << 20;
    private static final String SUFFIX = ".class-cache";
    private static final int DIGEST = 16;

    private static final AtomicLong TEMP_COUNT = new AtomicLong();

    private final Path dir;
    private final byte[] context;
    private final Consumer<String> problems;
    private final AtomicBoolean readProblem = new AtomicBoolean();
    private final AtomicBoolean writeProblem = new AtomicBoolean();
    private final AtomicBoolean pruned = new AtomicBoolean();

    /**
     * A cache in {@code dir} for one agent set-up.
     *
     * @param dir      the directory, created at the first write
     * @param context  what else the transformation's output depends on, as bytes
     * @param problems where the one line about an unreadable entry or an unwritable directory goes
     */
    ClassCache(Path dir, byte[] context, Consumer<String> problems) {
        this.dir = dir;
        this.context = context.clone();
        this.problems = problems;
    }

    Path dir() {
        return dir;
    }

    /** The entry's name for a class file: the digest of the context, the class's name and its bytes. */
    String key(String internalName, byte[] classFile) {
        return new ContentHash().update(context).update(internalName).update(classFile).hex();
    }

    /** The cached outcome under this key, or null when there is none or it cannot be used. */
    CachedClass read(String key) {
        Path file = dir.resolve(key + SUFFIX);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException | RuntimeException e) {
            // no directory to read from: the first write says why, once
            return Files.isDirectory(dir) ? unusable(file, e.toString()) : null;
        }
        if (bytes.length < DIGEST || !Arrays.equals(bytes, 0, DIGEST,
                new ContentHash().update(bytes, DIGEST, bytes.length - DIGEST).bytes(), 0, DIGEST)) {
            return unusable(file, "its checksum does not match its content");
        }
        try {
            return CachedClass.readFrom(new DataInputStream(new ByteArrayInputStream(bytes, DIGEST,
                    bytes.length - DIGEST)));
        } catch (IOException | RuntimeException e) {
            return unusable(file, e.toString());
        }
    }

    private CachedClass unusable(Path file, String why) {
        if (readProblem.compareAndSet(false, true)) {
            problems.accept("class cache entry " + file + " cannot be used (" + why + "); it is ignored and written"
                    + " again (this is said once)");
        }
        return null;
    }

    /** Stores the outcome under this key; a failure is said once and turns writing off for this JVM. */
    void write(String key, CachedClass outcome) {
        if (writeProblem.get()) {
            return;
        }
        Path temp = null;
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            outcome.writeTo(new DataOutputStream(payload));
            byte[] content = payload.toByteArray();
            Files.createDirectories(dir);
            if (pruned.compareAndSet(false, true)) {
                CacheSize.prune(dir, SUFFIX, MAX_BYTES);
            }
            // named by process, thread and count: Files.createTempFile would seed a SecureRandom
            temp = dir.resolve(key + "." + ProcessHandle.current().pid() + "." + Thread.currentThread().getId()
                    + "." + TEMP_COUNT.incrementAndGet() + ".tmp");
            try (var out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                out.write(new ContentHash().update(content).bytes());
                out.write(content);
            }
            move(temp, dir.resolve(key + SUFFIX));
        } catch (IOException | RuntimeException e) {
            if (writeProblem.compareAndSet(false, true)) {
                problems.accept("cannot write the class cache in " + dir + " (" + e + "); classes are transformed"
                        + " without it in this JVM (set -D" + CacheSettings.PROPERTY + "=off or a writable directory)");
            }
        } finally {
            deleteQuietly(temp);
        }
    }

    private static void move(Path temp, Path entry) throws IOException {
        try {
            Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                // a temporary file left behind is removed by a later prune
            }
        }
    }
}
