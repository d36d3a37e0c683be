package io.github.reftrack.maven;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one event object of the JSON log into findings; other event kinds give none, and neither
 * does reftrack-agent's exit summary (a {@code leak} whose {@code dirName} is
 * {@code <class> at exit}), which totals the per-object leak events already in the log.
 */
final class EventParser {
    private static final String EXIT_SUMMARY = " at exit";

    private EventParser() {
    }

    /**
     * The findings of one event.
     *
     * @throws IllegalArgumentException if the line is not an event or lacks a fingerprint
     */
    static List<Finding> parse(JsonNode event, String source) {
        if (event == null || !event.isObject() || !event.path("event").isTextual()) {
            throw new IllegalArgumentException("not a reftrack event (no \"event\" field)");
        }
        String className = event.path("className").asText("?");
        String object = event.path("dirName").asText("");
        switch (event.get("event").asText()) {
            case "leak", "abandonedDirectory":
                return object.equals(className + EXIT_SUMMARY) ? List.of() : groups(event, className, object, source);
            case "lostReference":
                return List.of(new Finding(Finding.Kind.LEAK, fingerprint(event), className,
                        frames(event.path("allocatedAt")), 1, object, source));
            case "doubleRelease":
                JsonNode at = event.path("releasedAgainAt");
                return List.of(new Finding(Finding.Kind.DOUBLE_RELEASE, fingerprint(event), className,
                        frames(at.isEmpty() ? event.path("allocatedAt") : at), 1, "", source));
            default:
                return List.of();
        }
    }

    private static List<Finding> groups(JsonNode event, String className, String object, String source) {
        List<Finding> found = new ArrayList<>();
        for (JsonNode group : event.path("groups")) {
            found.add(new Finding(Finding.Kind.LEAK, fingerprint(group), className, frames(group.path("frames")),
                    Math.max(1, group.path("users").asLong(1)), object, source));
        }
        return found;
    }

    private static String fingerprint(JsonNode node) {
        JsonNode fingerprint = node.path("fingerprint");
        if (!fingerprint.isTextual() || fingerprint.asText().isEmpty()) {
            throw new IllegalArgumentException("event without a fingerprint");
        }
        return fingerprint.asText();
    }

    private static List<String> frames(JsonNode frames) {
        List<String> text = new ArrayList<>();
        for (JsonNode frame : frames) {
            text.add(frame(frame));
        }
        return text;
    }

    /** A frame as a stack trace prints it, so that IDEs link it. */
    static String frame(JsonNode frame) {
        String file = frame.path("file").asText(null);
        int line = frame.path("line").asInt(-1);
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return frame.path("class").asText("?") + "." + frame.path("method").asText("?") + "(" + where + ")";
    }
}
