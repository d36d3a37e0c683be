package io.github.reftrack.agent;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the {@link ClassCache}'s directory bounded: when its entries take more than the bound,
 * the oldest are removed until they take three quarters of it; temporary files a stopped JVM left
 * behind go once they are an hour old. Best effort: a file another JVM removes first is skipped.
 */
final class CacheSize {
    private static final long STALE_TEMP_MILLIS = 3_600_000;

    private record Entry(Path file, long size, long modified) {
    }

    private CacheSize() {
    }

    /** Removes the oldest entries of {@code dir} (names ending in {@code suffix}) beyond {@code max} bytes. */
    static void prune(Path dir, String suffix, long max) throws IOException {
        List<Entry> entries = new ArrayList<>();
        long total = 0;
        long now = System.currentTimeMillis();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                BasicFileAttributes attributes = attributes(file);
                if (attributes == null) {
                    continue;
                }
                long modified = attributes.lastModifiedTime().toMillis();
                if (name.endsWith(".tmp") && now - modified > STALE_TEMP_MILLIS) {
                    Files.deleteIfExists(file);
                } else if (name.endsWith(suffix)) {
                    entries.add(new Entry(file, attributes.size(), modified));
                    total += attributes.size();
                }
            }
        }
        if (total <= max) {
            return;
        }
        entries.sort(Comparator.comparingLong(Entry::modified));
        for (Entry entry : entries) {
            if (total <= max / 4 * 3) {
                break;
            }
            Files.deleteIfExists(entry.file());
            total -= entry.size();
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
    }
}
