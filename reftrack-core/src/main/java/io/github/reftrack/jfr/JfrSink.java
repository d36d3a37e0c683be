package io.github.reftrack.jfr;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.StuckTeardown;
import io.github.reftrack.internal.event.FrameText;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns reftrack events into JFR events. Each method first asks the (instrumented, inlined) event
 * whether a recording wants it; when none does, the call allocates nothing and formats nothing.
 * Stateless, thread-safe.
 */
final class JfrSink implements RefTrackerListener {

    @Override
    public void onLeak(LeakReport report) {
        leak(report, false);
    }

    @Override
    public void onAbandonedDirectory(LeakReport report) {
        leak(report, true);
    }

    private static void leak(LeakReport report, boolean abandoned) {
        LeakEvent event = new LeakEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.abandoned = abandoned;
        event.className = report.className();
        event.dirName = report.dirName();
        event.totalUsers = report.totalUsers();
        event.skippedUsers = report.skippedUsers();
        event.groups = report.groups().size();
        event.fingerprints = report.groups().stream().map(LeakReport.Group::fingerprint).distinct()
                .collect(Collectors.joining(","));
        event.report = report.toString();
        event.commit();
    }

    @Override
    public void onDoubleRelease(DoubleRelease release) {
        DoubleReleaseEvent event = new DoubleReleaseEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.className = release.className();
        event.dirName = release.dirName();
        event.holder = release.holder();
        event.pastQuarantine = release.pastQuarantine();
        event.fingerprint = release.allocation().fingerprint();
        event.allocatedAt = render(release.allocatedAt());
        event.firstReleasedAt = render(release.firstReleasedAt());
        event.releasedAgainAt = render(release.releasedAgainAt());
        event.commit();
    }

    @Override
    public void onLostReference(LostReference lost) {
        LostReferenceEvent event = new LostReferenceEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.className = lost.className();
        event.dirName = lost.dirName();
        event.holder = lost.holder();
        event.fingerprint = lost.fingerprint();
        event.allocatedAt = render(lost.allocatedAt());
        event.commit();
    }

    @Override
    public void onTeardownStuck(StuckTeardown stuck) {
        TeardownStuckEvent event = new TeardownStuckEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.what = stuck.what();
        event.waited = stuck.waited().toMillis();
        event.remaining = stuck.remaining();
        event.directories = stuck.holders().size();
        event.holders = stuck.holders().stream().map(LeakReport::toString).collect(Collectors.joining());
        event.commit();
    }

    @Override
    public void onMisuse(Misuse misuse) {
        MisuseEvent event = new MisuseEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.kind = misuse.kind().name();
        event.className = misuse.className();
        event.dirName = misuse.dirName();
        event.message = misuse.message();
        event.commit();
    }

    /** Renders frames one per line as {@code class.method(File.java:N)}, as reports do. */
    static String render(List<StackTraceElement> frames) {
        StringBuilder out = new StringBuilder(64 * frames.size());
        FrameText.appendAll(frames, "", out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "reftrack JFR events";
    }
}
