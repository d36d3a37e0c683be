package io.github.reftrack.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads what reftrack saves as JSON, in any of these shapes:
 * <ul>
 *   <li>one {@link LeakReport#toJson()} object;</li>
 *   <li>an array of them, as {@code reftrack dump --json} and the MBean's {@code dumpJson} write;</li>
 *   <li>an object whose {@code reports} field is such an array ({@code reftrack demo --json}); when
 *       it says {@code "leaked":true} the input {@linkplain Input#problems() holds problems}, even
 *       without stacks;</li>
 *   <li>a JSON-lines event log ({@code -Dreftrack.jsonLog}): one object per line with an
 *       {@code event} field; {@code leak} and {@code abandonedDirectory} events are reports, the
 *       other events are rendered as text.</li>
 * </ul>
 * Unknown fields and unknown event types are ignored, so newer writers stay readable; missing or
 * mistyped fields are errors that name their place, e.g. {@code $[1].groups[0].frames[2].method}
 * or {@code line 3.groups[0].users}. A UTF-8 byte order mark is skipped.
 *
 * <p>Hostile input is bounded by explicit limits ({@link #MAX_NESTING_DEPTH},
 * {@link #MAX_STRING_LENGTH}, {@link #MAX_NUMBER_LENGTH}, {@link #MAX_DOCUMENT_CHARS}); going
 * over one is an {@link IllegalArgumentException} whose message names the limit.
 *
 * <p>Stateless and thread-safe.
 */
final class ReportJson {
    /** Deepest nesting accepted; reftrack's own JSON nests at most 6 levels. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Longest string accepted, in characters: far above any class, method or directory name. */
    static final int MAX_STRING_LENGTH = 1 << 20;
    /** Longest number accepted, in characters: every count fits. */
    static final int MAX_NUMBER_LENGTH = 24;
    /** Largest input accepted, in characters (and in bytes, for files and standard input). */
    static final long MAX_DOCUMENT_CHARS = 256L << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxDocumentLength(MAX_DOCUMENT_CHARS)
                    .build())
            .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Jackson's location text, "[Source: ...; line: 1, column: 5]", shortened to "line 1, column 5". */
    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");
    /** Events that mean something went wrong: the input {@linkplain Input#problems() holds problems}. */
    private static final Set<String> PROBLEMS = Set.of("leak", "abandonedDirectory", "lostReference",
            "doubleRelease", "teardownStuck");
    private static final String INDENT = "     ";

    /**
     * One piece of the input, in input order: a report, or an event rendered as text.
     *
     * @param heading a line to print before it (events of a log: {@code # leak at 2026-...}), or
     *                {@code null}
     * @param report  the report, or {@code null} for an event that is not one
     * @param text    the event as text when it is not a report, else {@code null}
     */
    record Item(String heading, LeakReport report, String text) {
    }

    /**
     * What an input holds.
     *
     * @param items    its reports and other events, in order
     * @param problems whether it records a leak or another problem (a {@code leaked} run, or a
     *                 leak, abandoned directory, lost reference, double release or stuck teardown
     *                 event), as opposed to a snapshot of live references
     */
    record Input(List<Item> items, boolean problems) {
        /** The reports among the items. */
        List<LeakReport> reports() {
            return items.stream().map(Item::report).filter(r -> r != null).toList();
        }
    }

    private ReportJson() {
    }

    /**
     * Parses the reports in {@code json}.
     *
     * @throws IllegalArgumentException with a message naming the place or the limit, if the text
     *                                  is not such JSON
     */
    static Input parse(String json) {
        if (json.length() > MAX_DOCUMENT_CHARS) {
            throw new IllegalArgumentException(tooLong());
        }
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        List<JsonNode> values = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text);
             MappingIterator<JsonNode> iterator = MAPPER.readerFor(JsonNode.class).readValues(parser)) {
            while (iterator.hasNextValue()) {
                values.add(iterator.nextValue());
                lines.add(parser.currentLocation().getLineNr());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse: " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty input: expected a report object, an array of them"
                    + " or a JSON-lines event log");
        }
        if (values.size() > 1 || values.get(0).has("event")) {
            return events(values, lines);
        }
        return document(values.get(0));
    }

    private static Input document(JsonNode root) {
        List<Item> items = new ArrayList<>();
        boolean problems = false;
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                items.add(new Item(null, report(root.get(i), "$[" + i + "]"), null));
            }
        } else if (root.isObject() && !root.has("groups") && root.has("reports")) {
            JsonNode wrapped = root.get("reports");
            if (!wrapped.isArray()) {
                throw wrongType("$.reports", "an array");
            }
            for (int i = 0; i < wrapped.size(); i++) {
                items.add(new Item(null, report(wrapped.get(i), "$.reports[" + i + "]"), null));
            }
            problems = root.path("leaked").asBoolean(false);
            if (problems && items.isEmpty()) {
                items.add(new Item(null, null, stacklessLeak(root)));
            }
        } else {
            items.add(new Item(null, report(root, "$"), null));
        }
        return new Input(items, problems);
    }

    /** A run that leaked but recorded no stacks ({@code reftrack demo --json --tracking off}). */
    private static String stacklessLeak(JsonNode root) {
        StringBuilder text = new StringBuilder("leaked, with no stacks recorded");
        JsonNode tracking = root.path("tracking");
        if (tracking.isTextual()) {
            text.append(" (tracking ").append(tracking.asText()).append(')');
        }
        JsonNode inodes = root.path("stuckInodes");
        if (inodes.isArray() && !inodes.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            inodes.forEach(inode -> numbers.add(inode.asText()));
            text.append(": ").append(Words.count(numbers.size(), "delayed node")).append(" stuck (")
                    .append(numbers.size() == 1 ? "inode " : "inodes ").append(String.join(", ", numbers))
                    .append(')');
        }
        return text.append("\nrun with tracking full (or sample) to see the stacks that hold the references\n")
                .toString();
    }

    private static Input events(List<JsonNode> values, List<Integer> lines) {
        List<Item> items = new ArrayList<>();
        boolean problems = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode node = values.get(i);
            String at = "line " + lines.get(i);
            requireObject(node, at);
            if (!node.has("event")) {
                throw new IllegalArgumentException(at + ": missing field \"event\" (several JSON values are read"
                        + " as a JSON-lines event log, one event object per line)");
            }
            String event = text(node, "event", at);
            String heading = "# " + event + (node.path("timestamp").isTextual()
                    ? " at " + node.get("timestamp").asText() : "");
            problems |= PROBLEMS.contains(event);
            switch (event) {
                case "leak", "abandonedDirectory" -> items.add(new Item(heading, report(node, at), null));
                case "doubleRelease" -> items.add(new Item(heading, null, doubleRelease(node, at)));
                case "lostReference" -> items.add(new Item(heading, null, lostReference(node, at)));
                case "misuse" -> items.add(new Item(heading, null, misuse(node, at)));
                case "teardownStuck" -> items.add(new Item(heading, null, teardownStuck(node, at)));
                default -> items.add(new Item(heading, null, "(an event this version of reftrack does not"
                        + " render)\n"));
            }
        }
        return new Input(items, problems);
    }

    private static String doubleRelease(JsonNode node, String at) {
        StringBuilder text = new StringBuilder("double release of a reference to ")
                .append(text(node, "dirName", at)).append(holder(node, at)).append('\n');
        stack(node, "allocatedAt", "taken at", at, text);
        stack(node, "firstReleasedAt", "first released at", at, text);
        stack(node, "releasedAgainAt", "released again at", at, text);
        return text.toString();
    }

    private static String lostReference(JsonNode node, String at) {
        StringBuilder text = new StringBuilder("lost reference: a tracker of ").append(text(node, "dirName", at))
                .append(holder(node, at)).append(" was garbage-collected while live\n");
        stack(node, "allocatedAt", "taken at", at, text);
        return text.toString();
    }

    private static String misuse(JsonNode node, String at) {
        StringBuilder text = new StringBuilder("misuse");
        JsonNode kind = node.path("kind");
        if (kind.isTextual()) {
            text.append(" (").append(kind.asText()).append(')');
        }
        text.append(" of ").append(text(node, "dirName", at)).append(": ")
                .append(node.path("message").asText("")).append('\n');
        stack(node, "at", "at", at, text);
        return text.toString();
    }

    private static String teardownStuck(JsonNode node, String at) {
        StringBuilder text = new StringBuilder("teardown of ").append(text(node, "what", at)).append(" stuck for ")
                .append(node.path("waitedMillis").asLong()).append(" ms: ")
                .append(Words.count(node.path("remaining").asLong(), "reference")).append(" still held\n");
        JsonNode holders = node.path("holders");
        if (holders.isArray()) {
            for (int i = 0; i < holders.size(); i++) {
                text.append(report(holders.get(i), at + ".holders[" + i + "]"));
            }
        }
        return text.toString();
    }

    private static String holder(JsonNode node, String at) {
        JsonNode holder = node.path("holder");
        if (holder.isMissingNode() || holder.isNull()) {
            return "";
        }
        if (!holder.isTextual()) {
            throw wrongType(at + ".holder", "a string or null");
        }
        return " (held by " + holder.asText() + ")";
    }

    private static void stack(JsonNode node, String field, String title, String at, StringBuilder text) {
        text.append("  ").append(title).append('\n');
        JsonNode frames = node.path(field);
        if (frames.isMissingNode() || frames.isNull() || frames.isEmpty()) {
            text.append(INDENT).append("(no stack recorded)\n");
            return;
        }
        for (StackTraceElement frame : frames(frames, at + "." + field)) {
            text.append(INDENT).append(frame).append('\n');
        }
    }

    private static LeakReport report(JsonNode node, String at) {
        requireObject(node, at);
        JsonNode groups = require(node, "groups", at);
        if (!groups.isArray()) {
            throw wrongType(at + ".groups", "an array");
        }
        List<LeakReport.Group> parsed = new ArrayList<>();
        long shown = 0;
        for (int i = 0; i < groups.size(); i++) {
            LeakReport.Group group = group(groups.get(i), at + ".groups[" + i + "]");
            shown += group.users();
            parsed.add(group);
        }
        String className = text(node, "className", at);
        String dirName = text(node, "dirName", at);
        int totalUsers = count(node, "totalUsers", at);
        int skippedUsers = count(node, "skippedUsers", at);
        if (shown + skippedUsers > totalUsers) {
            throw new IllegalArgumentException(at + ": counts do not add up: the groups hold " + shown
                    + " users and " + skippedUsers + " were skipped, more than totalUsers " + totalUsers);
        }
        JsonNode untracked = node.get("untrackedUsers");
        int untrackedUsers = untracked == null || untracked.isNull() ? 0 : count(node, "untrackedUsers", at);
        try {
            return new LeakReport(className, dirName, totalUsers, skippedUsers, parsed, untrackedUsers);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static LeakReport.Group group(JsonNode node, String at) {
        requireObject(node, at);
        JsonNode framesNode = require(node, "frames", at);
        List<StackTraceElement> frames = frames(framesNode, at + ".frames");
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
        int users = count(node, "users", at);
        if (users == 0) {
            throw new IllegalArgumentException(at + ".users: a group has at least one user, was 0");
        }
        String fingerprint = text(node, "fingerprint", at);
        try {
            return new LeakReport.Group(users, frames, fingerprint, holders, millis(node, "oldestMillis", at),
                    millis(node, "newestMillis", at));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static List<StackTraceElement> frames(JsonNode framesNode, String at) {
        if (!framesNode.isArray()) {
            throw wrongType(at, "an array");
        }
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < framesNode.size(); i++) {
            frames.add(frame(framesNode.get(i), at + "[" + i + "]"));
        }
        return frames;
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

    /** A count: an integer from 0 to {@link Integer#MAX_VALUE}. */
    private static int count(JsonNode node, String field, String at) {
        JsonNode value = require(node, field, at);
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + "." + field + ": expected a count from 0 to "
                    + Integer.MAX_VALUE + ", was " + abbreviate(value.toString()));
        }
        return value.asInt();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
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

    /** Jackson's error as one line: what went wrong and where, without Jackson's internals. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof StreamConstraintsException) {
            return limit(e) + where(e.getLocation());
        }
        if (e instanceof JsonEOFException) {
            return "the input ends in the middle of a JSON value (a truncated file?)" + where(e.getLocation());
        }
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("line $1, column $2");
        int newline = message.indexOf('\n');
        return "not valid JSON: " + (newline < 0 ? message : message.substring(0, newline)).strip()
                + where(e.getLocation());
    }

    /** Which of the limits was hit, by the name Jackson's message gives it. */
    private static String limit(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("nesting")) {
            return "nested deeper than the limit of " + MAX_NESTING_DEPTH + " levels (maxNestingDepth)";
        } else if (message.contains("string")) {
            return "a string longer than the limit of " + MAX_STRING_LENGTH + " characters (maxStringLength)";
        } else if (message.contains("number")) {
            return "a number longer than the limit of " + MAX_NUMBER_LENGTH + " characters (maxNumberLength)";
        } else if (message.contains("document")) {
            return tooLong();
        }
        return "over a parsing limit: " + e.getOriginalMessage();
    }

    static String tooLong() {
        return "longer than the limit of " + MAX_DOCUMENT_CHARS + " characters (maxDocumentLength)";
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
