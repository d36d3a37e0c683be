package io.github.reftrack;

import io.github.reftrack.internal.event.Json;
import io.github.reftrack.internal.event.JsonReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON form of every {@link RefTrackerEvent}, both ways: {@code toJson()}, the JSON event log,
 * the JFR events and the MXBean's {@code dumpJson} all write through it, and {@link #read} and
 * {@link #decode} read it back into the same records, so an event has one JSON shape. The schema
 * (field names, which are only ever added to) is documented in the module's README.
 *
 * <p>Reading accepts a line of the JSON event log (an object with an {@code event} field) or a
 * report as {@link LeakReport#toJson()} writes it (no {@code event} field). Unknown fields are
 * ignored, so logs of newer versions stay readable; a missing or mistyped field is an
 * {@link IllegalArgumentException} naming its place, e.g. {@code $.groups[0].frames[2].method}.
 */
public final class EventJson {
    private EventJson() {
    }

    /**
     * Reads one event from JSON text.
     *
     * @param json a log line or a report object
     * @return the event
     * @throws IllegalArgumentException if the text is not JSON, names an event this version does
     *                                  not know, or lacks a field; the message names the place
     */
    public static RefTrackerEvent read(String json) {
        Object value = JsonReader.read(json);
        return decode(value, "$").orElseThrow(() -> new IllegalArgumentException(
                "$.event: an event this version of reftrack does not know"));
    }

    /**
     * Decodes one event from parsed JSON, as plain Java values: objects as {@code Map}s with
     * string keys, arrays as {@code List}s, strings, {@code Number}s, {@code Boolean}s and
     * {@code null} (any JSON library's tree can be turned into these).
     *
     * @param value a log line's object or a report object
     * @param at    where the value is, for messages, e.g. {@code "$"} or {@code "line 3"}
     * @return the event, or empty for an {@code event} name this version does not know
     * @throws IllegalArgumentException if a field is missing or mistyped, naming its place
     */
    public static Optional<RefTrackerEvent> decode(Object value, String at) {
        return EventDecoder.decode(value, at);
    }

    /** The event's own fields, as one object. */
    static String toJson(RefTrackerEvent event) {
        Json json = new Json().beginObject();
        members(event, json);
        return json.endObject().toString();
    }

    /**
     * Returns one line of the JSON event log: {@code timestamp}, {@code event}, the event's
     * fields, and for leaks their distinct group {@code fingerprints}.
     *
     * @param event     the event
     * @param timestamp when it happened
     * @return the line, ending with a line break
     */
    public static String logLine(RefTrackerEvent event, Instant timestamp) {
        return tagged(event, timestamp) + "\n";
    }

    /**
     * Returns the event as one object naming itself: {@code event} and the event's fields (and
     * {@code fingerprints} for leaks), as a log line has them, without the time: what a JFR event
     * carries, read back with {@link #read}.
     *
     * @param event the event
     * @return the JSON text, on one line
     */
    public static String tagged(RefTrackerEvent event) {
        return tagged(event, null);
    }

    private static String tagged(RefTrackerEvent event, Instant timestamp) {
        Json json = new Json().beginObject();
        if (timestamp != null) {
            json.field("timestamp", timestamp.toString());
        }
        json.field("event", event.eventName());
        members(event, json);
        LeakReport leak = event instanceof LeakReport ? (LeakReport) event
                : event instanceof AbandonedDirectory ? ((AbandonedDirectory) event).report() : null;
        if (leak != null) {
            json.name("fingerprints").beginArray();
            leak.groups().stream().map(LeakReport.Group::fingerprint).distinct().forEach(json::value);
            json.endArray();
        }
        return json.endObject().toString();
    }

    /** A JSON array of reports, as the MXBean's {@code dumpJson} returns it. */
    static String array(List<? extends RefTrackerEvent> events) {
        Json json = new Json().beginArray();
        for (RefTrackerEvent event : events) {
            json.beginObject();
            members(event, json);
            json.endObject();
        }
        return json.endArray().toString();
    }

    private static void members(RefTrackerEvent event, Json json) {
        if (event instanceof LeakReport) {
            report((LeakReport) event, json);
        } else if (event instanceof AbandonedDirectory) {
            report(((AbandonedDirectory) event).report(), json);
            json.field("unbalanced", ((AbandonedDirectory) event).unbalanced());
        } else if (event instanceof DoubleRelease) {
            doubleRelease((DoubleRelease) event, json);
        } else if (event instanceof LostReference) {
            LostReference lost = (LostReference) event;
            json.field("className", lost.className()).field("dirName", lost.dirName()).field("holder", lost.holder())
                    .field("fingerprint", lost.fingerprint());
            frames("allocatedAt", lost.allocation(), json);
        } else if (event instanceof LongHeld) {
            LongHeld held = (LongHeld) event;
            json.field("className", held.className()).field("dirName", held.dirName()).field("holder", held.holder())
                    .field("context", held.context()).field("ageMillis", held.age().toMillis())
                    .field("thresholdMillis", held.threshold().toMillis())
                    .field("fingerprint", held.acquisition().fingerprint());
            frames("acquiredAt", held.acquisition(), json);
        } else if (event instanceof Misuse) {
            Misuse misuse = (Misuse) event;
            json.field("kind", misuse.kind().name()).field("className", misuse.className())
                    .field("dirName", misuse.dirName()).field("message", misuse.message())
                    .field("fingerprint", misuse.stack().fingerprint());
            frames("at", misuse.stack(), json);
        } else {
            StuckTeardown stuck = (StuckTeardown) event;
            json.field("what", stuck.what()).field("waitedMillis", stuck.waited().toMillis())
                    .field("remaining", stuck.remaining()).name("holders").beginArray();
            for (LeakReport holder : stuck.holders()) {
                json.beginObject();
                report(holder, json);
                json.endObject();
            }
            json.endArray();
        }
    }

    private static void report(LeakReport report, Json json) {
        json.field("className", report.className())
                .field("dirName", report.dirName())
                .field("totalUsers", report.totalUsers())
                .field("skippedUsers", report.skippedUsers());
        if (report.untrackedUsers() > 0) {
            json.field("untrackedUsers", report.untrackedUsers());
        }
        if (report.pairing() != null) {
            json.field("pairing", report.pairing());
        }
        if (report.sampleInterval() > 1) {
            json.field("sampleInterval", report.sampleInterval())
                    .field("estimatedObjects", report.estimatedObjects());
        }
        json.name("groups").beginArray();
        for (LeakReport.Group group : report.groups()) {
            json.beginObject()
                    .field("users", group.users())
                    .field("fingerprint", group.fingerprint())
                    .name("holders").strings(group.holders());
            if (group.oldest() != null) {
                json.field("oldestMillis", group.oldest().toMillis());
            }
            if (group.newest() != null) {
                json.field("newestMillis", group.newest().toMillis());
            }
            if (group.objects() > 0) {
                json.field("objects", group.objects());
            }
            if (!group.contexts().isEmpty()) {
                json.name("takenDuring").beginObject();
                group.contexts().counts().forEach((tag, n) -> json.field(tag, n));
                json.endObject();
                if (group.contexts().others() > 0) {
                    json.field("takenDuringOthers", group.contexts().others());
                }
            }
            if (group.balance() != null) {
                json.name("siteBalance").beginObject().field("taken", group.balance().taken())
                        .field("released", group.balance().released()).endObject();
            }
            frames("frames", group.stack(), json);
            json.endObject();
        }
        json.endArray();
    }

    private static void doubleRelease(DoubleRelease event, Json json) {
        json.field("className", event.className())
                .field("dirName", event.dirName()).field("holder", event.holder())
                .field("pastQuarantine", event.pastQuarantine())
                .field("fingerprint", event.allocation().fingerprint())
                .field("firstReleaseFingerprint", event.firstRelease().fingerprint())
                .field("secondReleaseFingerprint", event.secondRelease().fingerprint());
        if (event.note() != null) {
            json.field("note", event.note());
        }
        if (event.context() != null) {
            json.field("context", event.context());
        }
        frames("allocatedAt", event.allocation(), json);
        frames("firstReleasedAt", event.firstRelease(), json);
        frames("releasedAgainAt", event.secondRelease(), json);
    }

    /** A stack's frames; each of a stack of hidden frames says {@code "hidden":true}. */
    private static void frames(String name, CallStack stack, Json json) {
        json.name(name).beginArray();
        for (StackTraceElement frame : stack.frames()) {
            json.beginObject()
                    .field("class", frame.getClassName())
                    .field("method", frame.getMethodName())
                    .field("file", frame.getFileName())
                    .field("line", frame.getLineNumber());
            if (stack.allHidden()) {
                json.field("hidden", true);
            }
            json.endObject();
        }
        json.endArray();
    }
}
