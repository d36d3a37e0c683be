package io.github.reftrack.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Reads the {@code @file}s of the agent's argument with limits, so that no file can stop the
 * application from starting: at most {@value #MAX_FILE_BYTES} bytes of UTF-8 text, nested at
 * most {@value #MAX_FILE_DEPTH} deep, and a file that includes itself (directly or through
 * others) is read once, with one warning naming the cycle.
 */
final class ProfileFiles {
    /** The largest profile file read: a spec file is a few lines; {@code @/dev/zero} is not one. */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** How deep {@code @file}s may include each other. */
    static final int MAX_FILE_DEPTH = 8;

    private final Consumer<String> problems;
    /** The files being read, outermost first: what a nested {@code @file} must not name again. */
    private final Deque<Path> including = new ArrayDeque<>();

    ProfileFiles(Consumer<String> problems) {
        this.problems = problems;
    }

    /**
     * The text of a profile file, which is now being included until {@link #close()}; or null,
     * reported, when it cannot be read or would close a cycle.
     */
    String open(String path) {
        Path file;
        try {
            file = Path.of(path).toRealPath();
        } catch (IOException | RuntimeException e) {
            return unreadable(path, e.toString());
        }
        if (including.contains(file)) {
            StringBuilder cycle = new StringBuilder();
            including.forEach(p -> cycle.append(p).append(" -> "));
            problems.accept("profile file '" + path + "' includes itself (" + cycle + file + "): remove the"
                    + " @ line that closes the cycle; the repeated include is skipped");
            return null;
        }
        if (including.size() >= MAX_FILE_DEPTH) {
            problems.accept("profile file '" + path + "' is nested more than " + MAX_FILE_DEPTH + " @files deep"
                    + " (from " + including.getFirst() + "): flatten the includes; skipped");
            return null;
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (IOException | RuntimeException e) {
            return unreadable(path, e.toString());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            problems.accept("profile file '" + path + "' is larger than " + (MAX_FILE_BYTES >> 20) + " MiB: give a"
                    + " file of profiles and specs after @; skipped");
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                return unreadable(path, "it is not text");
            }
            including.addLast(file);
            return text;
        } catch (CharacterCodingException e) {
            return unreadable(path, "it is not UTF-8 text");
        }
    }

    private String unreadable(String path, String why) {
        problems.accept("cannot read profile file '" + path + "' (" + why + "): give a readable file after @;"
                + " skipped");
        return null;
    }

    /** The file {@link #open} returned last is read. */
    void close() {
        including.removeLast();
    }
}
