package io.github.reftrack;

import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.internal.event.Json;
import java.time.Instant;
import java.util.List;

/**
 * The one JSON writer for every {@link RefTrackerEvent}: {@code toJson()}, the JSON event log
 * and the MXBean's {@code dumpJson} all write through it, so an event has one JSON shape. The
 * schema (field names, which are only ever added to) is documented in the module's README.
 */
final class EventJson {
    private EventJson() {
    }

    /** The event's own fields, as one object. */
    static String toJson(RefTrackerEvent event) {
        Json json = new Json().beginObject();
        members(event, json);
        return json.endObject().toString();
    }

    /**
     * One line of the JSON event log: {@code timestamp}, {@code event}, the event's fields, and
     * for leaks their distinct group {@code fingerprints}. Ends with a line break.
     */
    static String logLine(RefTrackerEvent event, Instant timestamp) {
        Json json = new Json().beginObject().field("timestamp", timestamp.toString())
                .field("event", event.eventName());
        members(event, json);
        LeakReport leak = event instanceof LeakReport ? (LeakReport) event
                : event instanceof AbandonedDirectory ? ((AbandonedDirectory) event).report() : null;
        if (leak != null) {
            json.name("fingerprints").beginArray();
            leak.groups().stream().map(LeakReport.Group::fingerprint).distinct().forEach(json::value);
            json.endArray();
        }
        return json.endObject() + "\n";
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
            frames("allocatedAt", lost.allocatedAt(), json);
        } else if (event instanceof Misuse) {
            Misuse misuse = (Misuse) event;
            json.field("kind", misuse.kind().name()).field("className", misuse.className())
                    .field("dirName", misuse.dirName()).field("message", misuse.message())
                    .field("fingerprint", Stack.fingerprintOf(misuse.at()));
            frames("at", misuse.at(), json);
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
            frames("frames", group.frames(), json);
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
        frames("allocatedAt", event.allocatedAt(), json);
        frames("firstReleasedAt", event.firstReleasedAt(), json);
        frames("releasedAgainAt", event.releasedAgainAt(), json);
    }

    private static void frames(String name, List<StackTraceElement> frames, Json json) {
        json.name(name).beginArray();
        for (StackTraceElement frame : frames) {
            json.beginObject()
                    .field("class", frame.getClassName())
                    .field("method", frame.getMethodName())
                    .field("file", frame.getFileName())
                    .field("line", frame.getLineNumber())
                    .endObject();
        }
        json.endArray();
    }
}
