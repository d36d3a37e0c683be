package io.github.reftrack.maven;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted leaks of a project, {@code reftrack-baseline.json}: one entry per fingerprint with
 * the first frame, the count and when it was first seen. Fingerprints ignore line numbers, so the
 * file survives edits above the leak; entries are sorted by fingerprint so that diffs stay small.
 *
 * @param entries by fingerprint
 */
record Baseline(Map<String, Entry> entries) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The empty baseline: every leak is new. */
    static final Baseline EMPTY = new Baseline(Map.of());

    /**
     * One accepted leak.
     *
     * @param fingerprint the group's fingerprint
     * @param kind        {@code leak} or {@code doubleRelease}
     * @param firstFrame  the user's line when the entry was written
     * @param count       how many reports the run that wrote it had
     * @param firstSeen   when it was first written to the baseline
     */
    record Entry(String fingerprint, String kind, String firstFrame, long count, String firstSeen) {
    }

    Baseline {
        entries = Map.copyOf(entries);
    }

    boolean contains(String fingerprint) {
        return entries.containsKey(fingerprint);
    }

    /**
     * Reads a baseline file; an absent file is the empty baseline.
     *
     * @throws BaselineException naming the file and line of what is malformed
     */
    static Baseline read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return EMPTY;
        }
        try (JsonParser parser = JSON.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(file, parser, "expected a JSON object with an \"entries\" array");
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"entries".equals(field)) {
                    parser.skipChildren();
                } else if (value != JsonToken.START_ARRAY) {
                    throw malformed(file, parser, "\"entries\" must be an array");
                } else {
                    readEntries(file, parser, entries);
                }
            }
            return new Baseline(entries);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new BaselineException(file + ":" + line + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void readEntries(Path file, JsonParser parser, Map<String, Entry> entries) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            int line = parser.currentTokenLocation().getLineNr();
            JsonNode node = parser.readValueAsTree();
            String fingerprint = node == null ? null : node.path("fingerprint").asText(null);
            if (fingerprint == null || fingerprint.isEmpty()) {
                throw new BaselineException(file + ":" + line + ": a baseline entry needs a \"fingerprint\"");
            }
            entries.put(fingerprint, new Entry(fingerprint, node.path("kind").asText("leak"),
                    node.path("firstFrame").asText(""), node.path("count").asLong(0),
                    node.path("firstSeen").asText("")));
        }
    }

    private static BaselineException malformed(Path file, JsonParser parser, String what) {
        return new BaselineException(file + ":" + parser.currentTokenLocation().getLineNr() + ": " + what);
    }

    /** A baseline of the given groups, keeping the first-seen time of entries already in this one. */
    Baseline with(List<LeakGroup> groups, Instant now) {
        Map<String, Entry> next = new LinkedHashMap<>();
        for (LeakGroup group : groups) {
            Entry old = entries.get(group.fingerprint());
            next.put(group.fingerprint(), new Entry(group.fingerprint(), group.kind().parameterName(),
                    group.firstFrame(), group.reports(), old == null ? now.toString() : old.firstSeen()));
        }
        return new Baseline(next);
    }

    /** Writes the entries sorted by fingerprint. */
    void write(Path file) throws IOException {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparing(Entry::fingerprint));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("entries");
        sorted.forEach(e -> array.add(JSON.valueToTree(e)));
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, JSON.writeValueAsString(root) + System.lineSeparator());
    }

    /** A baseline file that cannot be read, with its file and line in the message. */
    static final class BaselineException extends IOException {
        private static final long serialVersionUID = 1L;

        BaselineException(String message) {
            super(message);
        }
    }
}
