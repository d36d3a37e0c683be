package io.github.reftrack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.LeakReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads reports saved as JSON: one {@link LeakReport#toJson()} object, an array of them as
 * {@code reftrack dump --json} and the MBean's {@code dumpJson} produce, or an object whose
 * {@code reports} field is such an array ({@code reftrack demo --json}). Unknown fields are
 * ignored, so newer writers stay readable; missing or mistyped fields are errors that name their
 * place, e.g. {@code $[1].groups[0].frames[2].method}.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ReportJson() {
    }

    /**
     * Parses the reports in {@code json}.
     *
     * @throws IllegalArgumentException with a message naming the place, if the text is not such
     *                                  JSON
     */
    static List<LeakReport> parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        List<LeakReport> reports = new ArrayList<>();
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("empty input: expected a report object or an array of them");
        } else if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                reports.add(report(root.get(i), "$[" + i + "]"));
            }
        } else if (root.isObject() && !root.has("groups") && root.has("reports")) {
            JsonNode wrapped = root.get("reports");
            if (!wrapped.isArray()) {
                throw wrongType("$.reports", "an array");
            }
            for (int i = 0; i < wrapped.size(); i++) {
                reports.add(report(wrapped.get(i), "$.reports[" + i + "]"));
            }
        } else {
            reports.add(report(root, "$"));
        }
        return reports;
    }

    private static LeakReport report(JsonNode node, String at) {
        requireObject(node, at);
        JsonNode groups = require(node, "groups", at);
        if (!groups.isArray()) {
            throw wrongType(at + ".groups", "an array");
        }
        List<LeakReport.Group> parsed = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            parsed.add(group(groups.get(i), at + ".groups[" + i + "]"));
        }
        String className = text(node, "className", at);
        String dirName = text(node, "dirName", at);
        int totalUsers = integer(node, "totalUsers", at);
        int skippedUsers = integer(node, "skippedUsers", at);
        JsonNode untracked = node.get("untrackedUsers");
        int untrackedUsers = untracked == null || untracked.isNull() ? 0 : integer(node, "untrackedUsers", at);
        try {
            return new LeakReport(className, dirName, totalUsers, skippedUsers, parsed, untrackedUsers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static LeakReport.Group group(JsonNode node, String at) {
        requireObject(node, at);
        List<StackTraceElement> frames = new ArrayList<>();
        JsonNode framesNode = require(node, "frames", at);
        if (!framesNode.isArray()) {
            throw wrongType(at + ".frames", "an array");
        }
        for (int i = 0; i < framesNode.size(); i++) {
            frames.add(frame(framesNode.get(i), at + ".frames[" + i + "]"));
        }
        List<String> holders = new ArrayList<>();
        JsonNode holdersNode = node.path("holders");
        if (!holdersNode.isMissingNode() && !holdersNode.isNull()) {
            if (!holdersNode.isArray()) {
                throw wrongType(at + ".holders", "an array of strings");
            }
            for (int i = 0; i < holdersNode.size(); i++) {
                if (!holdersNode.get(i).isTextual()) {
                    throw wrongType(at + ".holders[" + i + "]", "a string");
                }
                holders.add(holdersNode.get(i).asText());
            }
        }
        int users = integer(node, "users", at);
        String fingerprint = text(node, "fingerprint", at);
        try {
            return new LeakReport.Group(users, frames, fingerprint, holders, millis(node, "oldestMillis", at),
                    millis(node, "newestMillis", at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static StackTraceElement frame(JsonNode node, String at) {
        requireObject(node, at);
        JsonNode file = node.path("file");
        if (!file.isMissingNode() && !file.isNull() && !file.isTextual()) {
            throw wrongType(at + ".file", "a string or null");
        }
        JsonNode line = node.path("line");
        if (!line.isMissingNode() && !(line.isIntegralNumber() && line.canConvertToInt())) {
            throw wrongType(at + ".line", "an integer");
        }
        return new StackTraceElement(text(node, "class", at), text(node, "method", at),
                file.isTextual() ? file.asText() : null, line.isMissingNode() ? -1 : line.asInt());
    }

    private static void requireObject(JsonNode node, String at) {
        if (!node.isObject()) {
            throw wrongType(at, "an object");
        }
    }

    private static JsonNode require(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(at + ": missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String at) {
        JsonNode value = require(node, field, at);
        if (!value.isTextual()) {
            throw wrongType(at + "." + field, "a string");
        }
        return value.asText();
    }

    private static int integer(JsonNode node, String field, String at) {
        JsonNode value = require(node, field, at);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrongType(at + "." + field, "an integer");
        }
        return value.asInt();
    }

    /** An optional hold age in milliseconds; {@code null} when absent. */
    private static Duration millis(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw wrongType(at + "." + field, "a non-negative integer");
        }
        return Duration.ofMillis(value.asLong());
    }

    private static IllegalArgumentException wrongType(String at, String expected) {
        return new IllegalArgumentException(at + ": expected " + expected);
    }
}
