package example.closeable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens the streams of {@code java.nio.file.Files} ({@code lines}, {@code newDirectoryStream},
 * {@code list}, {@code walk}, {@code find}) {@code count} times each and closes them every usual
 * way (try-with-resources, fully consumed then closed, closed twice, a walk read to its end); with
 * {@code leak} it also drops unclosed 3 {@code Files.lines} streams, 2 directory streams, one
 * {@code Files.list} and one {@code Files.walk} stopped inside a subdirectory, each on its own
 * line, and one {@code Files.lines} of a file whose name holds a line break, read to its end; with
 * {@code hold} it keeps 7 directory streams open, opened on one line, until it exits.
 *
 * <p>Arguments: {@code clean}, {@code leak} or {@code hold}, then {@code count}.
 */
public final class StreamsApp {
    private static final List<Object> DROPPED = new ArrayList<>();

    private StreamsApp() {
    }

    /**
     * Runs the application.
     *
     * @param args clean, leak or hold, and count
     * @throws Exception if a file cannot be used
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("reftrack-streams");
        Path sub = Files.createDirectories(dir.resolve("a").resolve("b"));
        Files.writeString(sub.resolve("deep.txt"), "deep\n");
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            files.add(Files.writeString(dir.resolve("data-" + i + ".txt"), "one\ntwo\n"));
        }
        int count = Integer.parseInt(args[1]);
        long seen = 0;
        for (int i = 0; i < count; i++) {
            seen += everyUsualWay(dir, files.get(i % files.size()));
        }
        if (args[0].equals("leak")) {
            for (Path file : files) {
                DROPPED.add(lines(file).iterator().next());
            }
            for (int i = 0; i < 2; i++) {
                DROPPED.add(directory(i == 0 ? dir : sub).iterator().next());
            }
            DROPPED.add(list(dir).findFirst().orElseThrow());
            Iterator<Path> walk = walk(dir).iterator();
            Path entry = walk.next();
            while (!entry.equals(sub)) {
                entry = walk.next();
            }
            DROPPED.add(readToEnd(Files.writeString(dir.resolve("forged\nLEAK: not a report"), "x\n")));
            DROPPED.clear();
        }
        if (args[0].equals("hold")) {
            for (int i = 0; i < 7; i++) {
                DROPPED.add(directory(Files.createDirectory(dir.resolve("held-" + i))));
            }
        }
        System.out.println("done " + count + " saw " + seen);
    }

    private static Stream<String> lines(Path file) throws IOException {
        return Files.lines(file);
    }

    /** Read to its end but not closed: its file stays open. */
    private static long readToEnd(Path file) throws IOException {
        return Files.lines(file).count();
    }

    private static DirectoryStream<Path> directory(Path dir) throws IOException {
        return Files.newDirectoryStream(dir);
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.list(dir);
    }

    private static Stream<Path> walk(Path dir) throws IOException {
        return Files.walk(dir);
    }

    private static long everyUsualWay(Path dir, Path file) throws IOException {
        long seen;
        try (Stream<String> lines = Files.lines(file)) {
            seen = lines.count();
        }
        Stream<String> twice = Files.lines(file, StandardCharsets.ISO_8859_1);
        seen += twice.filter(line -> line.startsWith("t")).count();
        twice.close();
        twice.close();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.txt")) {
            for (Path entry : entries) {
                seen += entry.getFileName().toString().length() > 0 ? 1 : 0;
            }
        }
        DirectoryStream<Path> early = Files.newDirectoryStream(dir);
        early.close();
        early.close();
        try (Stream<Path> list = Files.list(dir)) {
            seen += list.count();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            seen += walk.limit(2).count();
        }
        try (Stream<Path> found = Files.find(dir, 5, (path, attributes) -> attributes.isRegularFile())) {
            seen += found.count();
        }
        // read to its end, every directory the walk opened is closed: nothing is left open
        seen += Files.walk(dir).count();
        return seen;
    }
}
