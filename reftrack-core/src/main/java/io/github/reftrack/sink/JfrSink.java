package io.github.reftrack.sink;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.EventJson;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.StuckTeardown;
import java.util.stream.Collectors;

/**
 * Turns reftrack events into JFR events. Every JFR event carries the whole event as JSON in its
 * {@code json} field ({@link EventJson#tagged}): the stacks with their frames as structured data
 * (class, method, file, line, per frame) that {@code reftrack report} reads back into the same
 * event; the other fields summarise it for JDK Mission Control. Each method first asks the
 * (instrumented, inlined) event whether a recording wants it; when none does, the call allocates
 * nothing and formats nothing. Stateless, thread-safe.
 */
final class JfrSink implements EventSink {

    @Override
    public void accept(RefTrackerEvent event) {
        if (event instanceof LeakReport) {
            leak((LeakReport) event, false, event);
        } else if (event instanceof AbandonedDirectory) {
            leak(((AbandonedDirectory) event).report(), true, event);
        } else if (event instanceof DoubleRelease) {
            doubleRelease((DoubleRelease) event);
        } else if (event instanceof LostReference) {
            lost((LostReference) event);
        } else if (event instanceof StuckTeardown) {
            stuck((StuckTeardown) event);
        } else if (event instanceof LongHeld) {
            longHeld((LongHeld) event);
        } else {
            misuse((Misuse) event);
        }
    }

    private static void leak(LeakReport report, boolean abandoned, RefTrackerEvent whole) {
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
        event.report = whole.toString();
        event.json = EventJson.tagged(whole);
        event.commit();
    }

    private static void doubleRelease(DoubleRelease release) {
        DoubleReleaseEvent event = new DoubleReleaseEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.className = release.className();
        event.dirName = release.dirName();
        event.holder = release.holder();
        event.context = release.context();
        event.pastQuarantine = release.pastQuarantine();
        event.fingerprint = release.allocation().fingerprint();
        event.json = EventJson.tagged(release);
        event.commit();
    }

    private static void lost(LostReference lost) {
        LostReferenceEvent event = new LostReferenceEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.className = lost.className();
        event.dirName = lost.dirName();
        event.holder = lost.holder();
        event.fingerprint = lost.fingerprint();
        event.json = EventJson.tagged(lost);
        event.commit();
    }

    private static void longHeld(LongHeld held) {
        LongHeldEvent event = new LongHeldEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.className = held.className();
        event.dirName = held.dirName();
        event.context = held.context();
        event.age = held.age().toMillis();
        event.threshold = held.threshold().toMillis();
        event.fingerprint = held.acquisition().fingerprint();
        event.json = EventJson.tagged(held);
        event.commit();
    }

    private static void stuck(StuckTeardown stuck) {
        TeardownStuckEvent event = new TeardownStuckEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.what = stuck.what();
        event.waited = stuck.waited().toMillis();
        event.remaining = stuck.remaining();
        event.directories = stuck.holders().size();
        event.json = EventJson.tagged(stuck);
        event.commit();
    }

    private static void misuse(Misuse misuse) {
        MisuseEvent event = new MisuseEvent();
        if (!event.shouldCommit()) {
            return;
        }
        event.kind = misuse.kind().name();
        event.className = misuse.className();
        event.dirName = misuse.dirName();
        event.message = misuse.message();
        event.json = EventJson.tagged(misuse);
        event.commit();
    }

    @Override
    public String toString() {
        return "reftrack JFR events";
    }
}
