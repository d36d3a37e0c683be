package io.github.reftrack.agent;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the agent prints when the JVM exits: the leaks the GC found (reported earlier or not yet),
 * one group per set of stacks with its total, and what is still outstanding on live objects,
 * grouped by acquire site with the longest hold time. Nothing found is lost because the process
 * ended a moment too early.
 */
final class ExitReport {
    private static final long SETTLE_MILLIS = 200;

    private ExitReport() {
    }

    static void print(AgentRuntime runtime, PrintStream out) {
        try {
            System.gc();
            runtime.reap(SETTLE_MILLIS);
            runtime.reap(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder text = new StringBuilder(512);
        text.append("reftrack-agent at exit: ");
        var leaks = runtime.tally.entries();
        if (leaks.isEmpty()) {
            text.append("no leaks found by the GC\n");
        } else {
            text.append(leaks.size()).append(" distinct leak(s) found by the GC\n");
        }
        for (LeakTally.Entry entry : leaks) {
            text.append(entry.first.className()).append(": ").append(entry.objects).append(" object(s) leaked ")
                    .append(entry.references).append(" reference(s) at\n");
            for (var group : entry.first.groups()) {
                for (StackTraceElement frame : group.frames()) {
                    text.append("     ").append(frame).append('\n');
                }
            }
            text.append("  ").append(runtime.tally.notes(entry.sites)).append("\n\n");
        }
        int parents = runtime.tally.parentsOfLeakedDerived();
        if (parents > 0) {
            text.append(parents).append(" parent buffer(s) kept alive only by the leaked derived buffers above"
                    + " (not counted as leaks of their own)\n");
        }
        appendOutstanding(runtime, text);
        long before = runtime.releasedBeforeTracking.sum();
        if (before > 0) {
            text.append(before).append(" release(s) of references taken before tracking started (or on objects"
                    + " sampled out): not misuse\n");
        }
        out.print(text);
        out.flush();
    }

    private static void appendOutstanding(AgentRuntime runtime, StringBuilder text) {
        Map<Site, long[]> bySite = new LinkedHashMap<>();
        Map<Site, String> classes = new LinkedHashMap<>();
        long now = System.nanoTime();
        for (Lifetime life : runtime.live()) {
            for (Lifetime.Ref ref : life.liveRefs()) {
                long[] counts = bySite.computeIfAbsent(ref.site, s -> new long[2]);
                counts[0]++;
                counts[1] = Math.max(counts[1], now - ref.takenNanos);
                classes.putIfAbsent(ref.site, life.profile.dirClass());
            }
        }
        if (bySite.isEmpty()) {
            return;
        }
        text.append("still outstanding on live objects (not leaks unless they are never released):\n");
        for (Map.Entry<Site, long[]> e : bySite.entrySet()) {
            text.append("  ").append(classes.get(e.getKey())).append(": ").append(e.getValue()[0])
                    .append(" reference(s), held up to ").append(TimeUnit.NANOSECONDS.toMillis(e.getValue()[1]))
                    .append(" ms, taken at ").append(e.getKey()).append('\n');
        }
    }
}
