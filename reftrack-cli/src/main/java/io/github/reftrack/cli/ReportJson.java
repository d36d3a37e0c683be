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
import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.EventJson;
import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 *       {@code event} field, a torn last line skipped with a warning.</li>
 * </ul>
 * Jackson reads the syntax, within the limits below; the core's {@link EventJson#decode} turns
 * each value into the core's own event, whose {@code toString()} is the text this command prints:
 * the CLI knows no event's fields. Unknown fields and unknown event types are ignored, so newer
 * writers stay readable; missing or mistyped fields are errors that name their place, e.g.
 * {@code $[1].groups[0].frames[2].method} or {@code line 3.groups[0].users}. A UTF-8 byte order
 * mark is skipped.
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
            "doubleRelease", "teardownStuck", "longHeld");
    private static final String UNKNOWN = "(an event this version of reftrack does not render)\n";

    /**
     * One piece of the input, in input order: an event as the core reads it, or a note in text.
     *
     * @param heading a line to print before it (events of a log: {@code # leak at 2026-...}), or
     *                {@code null}
     * @param event   the event, or {@code null} for a note
     * @param note    the note (a run that leaked without stacks, an event of a newer version)
     *                when there is no event, else {@code null}
     */
    record Item(String heading, RefTrackerEvent event, String note) {
        /** The report among the items' events: a leak, or what an abandoned directory held; else null. */
        LeakReport report() {
            return event instanceof LeakReport ? (LeakReport) event
                    : event instanceof AbandonedDirectory ? ((AbandonedDirectory) event).report() : null;
        }

        /** The item's text: the event's own text, or the note. */
        String text() {
            return event != null ? event.toString() : note;
        }
    }

    /**
     * What an input holds.
     *
     * @param items    its reports and other events, in order
     * @param problems whether it records a leak or another problem (a {@code leaked} run, or a
     *                 leak, abandoned directory, lost reference, double release or stuck teardown
     *                 event), as opposed to a snapshot of live references
     * @param warnings what was skipped, one line each (a log's torn last line)
     */
    record Input(List<Item> items, boolean problems, List<String> warnings) {
        /** The reports among the items. */
        List<LeakReport> reports() {
            return items.stream().map(Item::report).filter(r -> r != null).toList();
        }
    }

    private ReportJson() {
    }

    /**
     * Parses the reports and events in {@code json}. A JSON-lines log whose last line ends in
     * the middle of a value (its writer was killed mid-line) is read without that line, with a
     * warning; an input with no value at all holds no items.
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
        List<String> warnings = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(text);
             MappingIterator<JsonNode> iterator = MAPPER.readerFor(JsonNode.class).readValues(parser)) {
            while (iterator.hasNextValue()) {
                values.add(iterator.nextValue());
                lines.add(parser.currentLocation().getLineNr());
            }
        } catch (JsonEOFException e) {
            if (values.isEmpty() || !values.get(0).has("event")) {
                throw new IllegalArgumentException(describe(e), e);
            }
            warnings.add("skipped line " + (lines.get(lines.size() - 1) + 1) + ": it ends in the middle of a JSON"
                    + " value (the process was stopped while writing it?)");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse: " + e.getMessage(), e);
        }
        if (values.isEmpty()) {
            return new Input(List.of(), false, warnings);
        }
        if (values.size() > 1 || values.get(0).has("event")) {
            return events(values, lines, warnings);
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
        return new Input(items, problems, List.of());
    }

    /** A run that leaked but recorded no stacks ({@code reftrack demo --json --tracking off}). */
    private static String stacklessLeak(JsonNode root) {
        StringBuilder text = new StringBuilder("leaked, with no stacks recorded");
        JsonNode tracking = root.path("tracking");
        if (tracking.isTextual()) {
            text.append(" (tracking ").append(printable(tracking.asText())).append(')');
        }
        JsonNode inodes = root.path("stuckInodes");
        if (inodes.isArray() && !inodes.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            inodes.forEach(inode -> numbers.add(printable(inode.asText())));
            text.append(": ").append(Words.count(numbers.size(), "delayed node")).append(" stuck (")
                    .append(numbers.size() == 1 ? "inode " : "inodes ").append(String.join(", ", numbers))
                    .append(')');
        }
        return text.append("\nrun with tracking full (or sample) to see the stacks that hold the references\n")
                .toString();
    }

    private static Input events(List<JsonNode> values, List<Integer> lines, List<String> warnings) {
        List<Item> items = new ArrayList<>();
        boolean problems = false;
        for (int i = 0; i < values.size(); i++) {
            JsonNode node = values.get(i);
            String at = "line " + lines.get(i);
            if (!node.isObject()) {
                throw new IllegalArgumentException(at + ": expected an object");
            }
            if (!node.has("event")) {
                throw new IllegalArgumentException(at + ": missing field \"event\" (several JSON values are read"
                        + " as a JSON-lines event log, one event object per line)");
            }
            if (!node.get("event").isTextual()) {
                throw new IllegalArgumentException(at + ".event: expected a string");
            }
            String event = node.get("event").asText();
            String heading = "# " + printable(event) + (node.path("timestamp").isTextual()
                    ? " at " + printable(node.get("timestamp").asText()) : "");
            problems |= PROBLEMS.contains(event);
            items.add(EventJson.decode(plain(node), at).map(e -> new Item(heading, e, null))
                    .orElseGet(() -> new Item(heading, null, UNKNOWN)));
        }
        return new Input(items, problems, warnings);
    }

    private static LeakReport report(JsonNode node, String at) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": expected an object");
        }
        RefTrackerEvent event = EventJson.decode(plain(node), at).orElseThrow(() -> new IllegalArgumentException(
                at + ": an event this version of reftrack does not know"));
        if (!(event instanceof LeakReport)) {
            throw new IllegalArgumentException(at + ": expected a report, found a " + event.eventName() + " event");
        }
        return (LeakReport) event;
    }

    /** The node as plain Java values, as the core's decoder reads them. */
    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> members = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> members.put(field.getKey(), plain(field.getValue())));
            return members;
        } else if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            node.forEach(item -> items.add(plain(item)));
            return items;
        } else if (node.isTextual()) {
            return node.asText();
        } else if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.asLong() : node.bigIntegerValue();
        } else if (node.isNumber()) {
            return node.decimalValue();
        } else if (node.isBoolean()) {
            return node.asBoolean();
        }
        return null;
    }

    /** Text read from the input, with control characters escaped so it cannot forge lines. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
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
