package io.github.reftrack.maven;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the agent's JSON event logs ({@code -Dreftrack.jsonLog}, one object per line, schema in
 * reftrack-core's README) from every {@code *.jsonl} file of a directory, one file per fork.
 *
 * <p>Tolerant by design: fields it does not know are ignored, since events only ever gain fields;
 * a line that is not a JSON object with an {@code event} name is skipped and listed, never fatal.
 */
final class EventLogReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventLogReader() {
    }

    /** Reads every log under {@code dir}; an absent directory reads as no files. */
    static EventLogs read(Path dir) throws IOException {
        List<String> files = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        int other = 0;
        for (Path file : logFiles(dir)) {
            files.add(file.getFileName().toString());
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int lineNumber = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNumber++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String source = file.getFileName() + ":" + lineNumber;
                    try {
                        List<Finding> found = EventParser.parse(JSON.readTree(line), source);
                        if (found.isEmpty()) {
                            other++;
                        }
                        findings.addAll(found);
                    } catch (JsonProcessingException | IllegalArgumentException e) {
                        corrupt.add(source + ": " + reason(e));
                    }
                }
            }
        }
        return new EventLogs(files, findings, corrupt, other);
    }

    private static List<Path> logFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    private static String reason(Exception e) {
        if (e instanceof JsonProcessingException json) {
            return "not JSON (" + json.getOriginalMessage() + ")";
        }
        return e.getMessage();
    }

    /** For events built in memory (tests) and for reading one line. */
    static JsonNode tree(String line) throws JsonProcessingException {
        return JSON.readTree(line);
    }
}
