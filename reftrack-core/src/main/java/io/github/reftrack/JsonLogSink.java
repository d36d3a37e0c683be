package io.github.reftrack;

import io.github.reftrack.capture.Stack;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * The fleet log: appends one JSON object per event, one per line, to the file named by
 * {@value RefTracking#JSON_LOG_PROPERTY}, for log shippers to pick up. Every line has
 * {@code timestamp} (ISO-8601, UTC), {@code event} ({@code leak}, {@code doubleRelease},
 * {@code lostReference}, {@code misuse}, {@code teardownStuck}), the directory's
 * {@code className} and {@code dirName} where there is one, stack {@code fingerprint}s and frames
 * as in {@link LeakReport#toJson()}. A leak line is the report's JSON plus {@code fingerprints},
 * its distinct group fingerprints (groups differ by line numbers, fingerprints do not).
 *
 * <p>The file is opened in append mode on the first event and kept open; each line is one
 * {@code write} of a complete line, so lines from several processes sharing the file do not
 * interleave on local file systems. A failure to open or write is logged once, with the path and
 * the cause, and turns the sink off: it never throws into the code that raised the event.
 *
 * <p>Thread-safe: lines are formatted by the calling thread, then written under {@link #lock},
 * which guards {@link #out} and {@link #disabled}.
 */
final class JsonLogSink implements RefTrackerListener {
    private final String path;
    private final Clock clock;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}; {@code null} until the first event. */
    private OutputStream out;
    /** Written under {@link #lock}; read without it to skip formatting once the sink is off. */
    private volatile boolean disabled;

    JsonLogSink(String path) {
        this(path, Clock.systemUTC());
    }

    JsonLogSink(String path, Clock clock) {
        this.path = path;
        this.clock = clock;
    }

    @Override
    public void onLeak(LeakReport report) {
        leak("leak", report);
    }

    @Override
    public void onAbandonedDirectory(LeakReport report) {
        leak("abandonedDirectory", report);
    }

    private void leak(String type, LeakReport report) {
        if (!disabled) {
            Json json = start(type).members(report.toJson()).name("fingerprints").beginArray();
            report.groups().stream().map(LeakReport.Group::fingerprint).distinct().forEach(json::value);
            write(json.endArray().endObject());
        }
    }

    @Override
    public void onDoubleRelease(DoubleRelease event) {
        if (!disabled) {
            Json json = start("doubleRelease").field("className", event.className())
                    .field("dirName", event.dirName()).field("holder", event.holder())
                    .field("pastQuarantine", event.pastQuarantine())
                    .field("fingerprint", Stack.fingerprintOf(event.allocatedAt()))
                    .field("firstReleaseFingerprint", Stack.fingerprintOf(event.firstReleasedAt()))
                    .field("secondReleaseFingerprint", Stack.fingerprintOf(event.releasedAgainAt()));
            frames(json, "allocatedAt", event.allocatedAt());
            frames(json, "firstReleasedAt", event.firstReleasedAt());
            frames(json, "releasedAgainAt", event.releasedAgainAt());
            write(json.endObject());
        }
    }

    @Override
    public void onLostReference(LostReference event) {
        if (!disabled) {
            Json json = start("lostReference").field("className", event.className())
                    .field("dirName", event.dirName()).field("holder", event.holder())
                    .field("fingerprint", event.fingerprint());
            frames(json, "allocatedAt", event.allocatedAt());
            write(json.endObject());
        }
    }

    @Override
    public void onMisuse(Misuse event) {
        if (!disabled) {
            Json json = start("misuse").field("kind", event.kind().name()).field("className", event.className())
                    .field("dirName", event.dirName()).field("message", event.message())
                    .field("fingerprint", Stack.fingerprintOf(event.at()));
            frames(json, "at", event.at());
            write(json.endObject());
        }
    }

    @Override
    public void onTeardownStuck(StuckTeardown event) {
        if (!disabled) {
            Json json = start("teardownStuck").field("what", event.what())
                    .field("waitedMillis", event.waited().toMillis()).field("remaining", event.remaining())
                    .name("holders").beginArray();
            event.holders().forEach(report -> json.raw(report.toJson()));
            write(json.endArray().endObject());
        }
    }

    private Json start(String event) {
        return new Json().beginObject().field("timestamp", clock.instant().toString()).field("event", event);
    }

    private static void frames(Json json, String name, List<StackTraceElement> frames) {
        json.name(name);
        Frames.writeJson(frames, json);
    }

    private void write(Json json) {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            if (disabled) {
                return;
            }
            try {
                if (out == null) {
                    // FileOutputStream, not a FileChannel: an interrupted caller must not close the log.
                    out = new FileOutputStream(path, true);
                }
                out.write(line);
            } catch (IOException | RuntimeException e) {
                disabled = true;
                closeQuietly();
                Events.LOG.log(Level.WARNING, "reftrack cannot write its JSON event log -D"
                        + RefTracking.JSON_LOG_PROPERTY + "=" + path + " (" + e
                        + "); no further events are written to it. Fix the path or its permissions and restart.");
            }
        }
    }

    /** Closes the file; later events are dropped. Idempotent. */
    void close() {
        synchronized (lock) {
            disabled = true;
            closeQuietly();
        }
    }

    boolean isDisabled() {
        return disabled;
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                Events.LOG.log(Level.DEBUG, "closing the JSON event log " + path + " failed", e);
            }
            out = null;
        }
    }

    @Override
    public String toString() {
        return "reftrack JSON event log " + path;
    }
}
