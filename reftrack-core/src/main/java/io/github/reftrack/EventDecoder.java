package io.github.reftrack;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads events back from parsed JSON (plain Java values), field by field as {@link EventJson}
 * writes them. Every error names its place. Stateless.
 */
final class EventDecoder {
    private EventDecoder() {
    }

    static Optional<RefTrackerEvent> decode(Object value, String at) {
        Map<?, ?> node = object(value, at);
        Object event = node.get("event");
        if (event == null) {
            return Optional.of(report(node, at));
        }
        if (!(event instanceof String)) {
            throw wrongType(at + ".event", "a string");
        }
        switch ((String) event) {
            case "leak":
                return Optional.of(report(node, at));
            case "abandonedDirectory":
                return Optional.of(new AbandonedDirectory(report(node, at), (int) optionalLong(node, "unbalanced", at,
                        Integer.MIN_VALUE, Integer.MAX_VALUE)));
            case "doubleRelease":
                return Optional.of(doubleRelease(node, at));
            case "lostReference":
                return Optional.of(new LostReference(text(node, "className", at), text(node, "dirName", at),
                        optionalText(node, "holder", at), stack(node, "allocatedAt", "fingerprint", at)));
            case "misuse":
                return Optional.of(misuse(node, at));
            case "longHeld":
                return Optional.of(new LongHeld(text(node, "className", at), text(node, "dirName", at),
                        optionalText(node, "holder", at), optionalText(node, "context", at),
                        Duration.ofMillis(optionalLong(node, "ageMillis", at, 0, Long.MAX_VALUE)),
                        Duration.ofMillis(optionalLong(node, "thresholdMillis", at, 0, Long.MAX_VALUE)),
                        stack(node, "acquiredAt", "fingerprint", at)));
            case "teardownStuck":
                return Optional.of(stuck(node, at));
            default:
                return Optional.empty();
        }
    }

    private static DoubleRelease doubleRelease(Map<?, ?> node, String at) {
        Object past = node.get("pastQuarantine");
        if (past != null && !(past instanceof Boolean)) {
            throw wrongType(at + ".pastQuarantine", "true or false");
        }
        return new DoubleRelease(text(node, "className", at), text(node, "dirName", at),
                optionalText(node, "holder", at), stack(node, "allocatedAt", "fingerprint", at),
                stack(node, "firstReleasedAt", "firstReleaseFingerprint", at),
                stack(node, "releasedAgainAt", "secondReleaseFingerprint", at), Boolean.TRUE.equals(past),
                optionalText(node, "note", at), optionalText(node, "context", at));
    }

    private static Misuse misuse(Map<?, ?> node, String at) {
        String kind = text(node, "kind", at);
        Misuse.Kind parsed;
        try {
            parsed = Misuse.Kind.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ".kind: a misuse kind this version of reftrack does not know: "
                    + abbreviate(kind), e);
        }
        return new Misuse(parsed, text(node, "className", at), text(node, "dirName", at), text(node, "message", at),
                stack(node, "at", "fingerprint", at));
    }

    private static StuckTeardown stuck(Map<?, ?> node, String at) {
        List<LeakReport> holders = new ArrayList<>();
        Object list = node.get("holders");
        if (list != null) {
            List<?> items = array(list, at + ".holders");
            for (int i = 0; i < items.size(); i++) {
                String place = at + ".holders[" + i + "]";
                holders.add(report(object(items.get(i), place), place));
            }
        }
        return new StuckTeardown(text(node, "what", at),
                Duration.ofMillis(optionalLong(node, "waitedMillis", at, 0, Long.MAX_VALUE)),
                optionalLong(node, "remaining", at, 0, Long.MAX_VALUE), holders);
    }

    private static LeakReport report(Map<?, ?> node, String at) {
        List<?> groups = array(require(node, "groups", at), at + ".groups");
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
        int untrackedUsers = node.get("untrackedUsers") == null ? 0 : count(node, "untrackedUsers", at);
        int sampleInterval = node.get("sampleInterval") == null ? 1 : count(node, "sampleInterval", at);
        try {
            return new LeakReport(className, dirName, totalUsers, skippedUsers, parsed, untrackedUsers,
                    optionalText(node, "pairing", at), sampleInterval);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
        }
    }

    private static LeakReport.Group group(Object value, String at) {
        Map<?, ?> node = object(value, at);
        CallStack stack = stack(node, "frames", "fingerprint", at);
        List<String> holders = new ArrayList<>();
        Object list = node.get("holders");
        if (list != null) {
            List<?> items = array(list, at + ".holders", "an array of strings");
            for (int i = 0; i < items.size(); i++) {
                if (!(items.get(i) instanceof String)) {
                    throw wrongType(at + ".holders[" + i + "]", "a string");
                }
                holders.add((String) items.get(i));
            }
        }
        int users = count(node, "users", at);
        if (users == 0) {
            throw new IllegalArgumentException(at + ".users: a group has at least one user, was 0");
        }
        int objects = node.get("objects") == null ? 0 : count(node, "objects", at);
        return new LeakReport.Group(users, stack, holders, millis(node, "oldestMillis", at),
                millis(node, "newestMillis", at), objects, balance(node.get("siteBalance"), at + ".siteBalance"),
                contexts(node, at));
    }

    /** The {@code takenDuring} tag counts and {@code takenDuringOthers}; none when absent. */
    private static LeakReport.Contexts contexts(Map<?, ?> node, String at) {
        Object value = node.get("takenDuring");
        int others = node.get("takenDuringOthers") == null ? 0 : count(node, "takenDuringOthers", at);
        if (value == null) {
            return others == 0 ? LeakReport.Contexts.NONE : new LeakReport.Contexts(Map.of(), others);
        }
        Map<?, ?> tags = object(value, at + ".takenDuring");
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : tags.entrySet()) {
            String tag = (String) e.getKey();
            int n = count(tags, tag, at + ".takenDuring");
            if (n == 0) {
                throw new IllegalArgumentException(at + ".takenDuring." + abbreviate(tag)
                        + ": a context tag counts at least one reference, was 0");
            }
            counts.put(tag, n);
        }
        return new LeakReport.Contexts(counts, others);
    }

    private static LeakReport.SiteBalance balance(Object value, String at) {
        if (value == null) {
            return null;
        }
        Map<?, ?> node = object(value, at);
        return new LeakReport.SiteBalance(optionalLong(node, "taken", at, 0, Long.MAX_VALUE),
                optionalLong(node, "released", at, 0, Long.MAX_VALUE));
    }

    /** A stack: its frames and the fingerprint written beside them (computed when absent). */
    private static CallStack stack(Map<?, ?> node, String field, String fingerprintField, String at) {
        Object value = node.get(field);
        List<?> items = value == null ? List.of() : array(value, at + "." + field);
        List<StackTraceElement> frames = new ArrayList<>(items.size());
        boolean hidden = false;
        for (int i = 0; i < items.size(); i++) {
            String place = at + "." + field + "[" + i + "]";
            Map<?, ?> frame = object(items.get(i), place);
            frames.add(frame(frame, place));
            hidden |= Boolean.TRUE.equals(frame.get("hidden"));
        }
        String fingerprint = node.get(fingerprintField) == null ? CallStack.of(frames).fingerprint()
                : text(node, fingerprintField, at);
        return new CallStack(frames, fingerprint, hidden);
    }

    private static StackTraceElement frame(Map<?, ?> node, String at) {
        Object file = node.get("file");
        if (file != null && !(file instanceof String)) {
            throw wrongType(at + ".file", "a string or null");
        }
        Object line = node.get("line");
        if (line != null && !(integral(line) && ((Number) line).longValue() == ((Number) line).intValue())
                || node.containsKey("line") && line == null) {
            throw wrongType(at + ".line", "an integer");
        }
        return new StackTraceElement(text(node, "class", at), text(node, "method", at), (String) file,
                line == null ? -1 : ((Number) line).intValue());
    }

    private static Map<?, ?> object(Object value, String at) {
        if (!(value instanceof Map)) {
            throw wrongType(at, "an object");
        }
        return (Map<?, ?>) value;
    }

    private static List<?> array(Object value, String at) {
        return array(value, at, "an array");
    }

    private static List<?> array(Object value, String at, String expected) {
        if (!(value instanceof List)) {
            throw wrongType(at, expected);
        }
        return (List<?>) value;
    }

    private static Object require(Map<?, ?> node, String field, String at) {
        Object value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException(at + ": missing field \"" + field + "\"");
        }
        return value;
    }

    private static String text(Map<?, ?> node, String field, String at) {
        Object value = require(node, field, at);
        if (!(value instanceof String)) {
            throw wrongType(at + "." + field, "a string");
        }
        return (String) value;
    }

    private static String optionalText(Map<?, ?> node, String field, String at) {
        Object value = node.get(field);
        if (value != null && !(value instanceof String)) {
            throw wrongType(at + "." + field, "a string or null");
        }
        return (String) value;
    }

    /** A count: an integer from 0 to {@link Integer#MAX_VALUE}. */
    private static int count(Map<?, ?> node, String field, String at) {
        Object value = require(node, field, at);
        if (!integral(value) || ((Number) value).longValue() < 0 || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at + "." + field + ": expected a count from 0 to "
                    + Integer.MAX_VALUE + ", was " + abbreviate(render(value)));
        }
        return ((Number) value).intValue();
    }

    /** An optional integer within bounds; 0 when absent. */
    private static long optionalLong(Map<?, ?> node, String field, String at, long min, long max) {
        Object value = node.get(field);
        if (value == null) {
            return 0;
        }
        if (!integral(value) || ((Number) value).longValue() < min || ((Number) value).longValue() > max) {
            throw new IllegalArgumentException(at + "." + field + ": expected an integer from " + min + " to " + max
                    + ", was " + abbreviate(render(value)));
        }
        return ((Number) value).longValue();
    }

    /** An optional hold age in milliseconds; {@code null} when absent. */
    private static Duration millis(Map<?, ?> node, String field, String at) {
        Object value = node.get(field);
        if (value == null) {
            return null;
        }
        if (!integral(value) || ((Number) value).longValue() < 0) {
            throw wrongType(at + "." + field, "a non-negative integer");
        }
        return Duration.ofMillis(((Number) value).longValue());
    }

    /** An integer that fits a {@code long}. */
    private static boolean integral(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger && ((BigInteger) value).bitLength() < 64;
    }

    private static String render(Object value) {
        return value instanceof String ? '"' + (String) value + '"' : String.valueOf(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static IllegalArgumentException wrongType(String at, String expected) {
        return new IllegalArgumentException(at + ": expected " + expected);
    }
}
