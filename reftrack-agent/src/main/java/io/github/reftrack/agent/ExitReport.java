package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the agent prints when the JVM exits: the leaks the GC found (reported earlier or not yet),
 * one group per set of stacks with its total, and what is still outstanding on live objects,
 * grouped by acquire site with the longest hold time. Nothing found is lost because the process
 * ended a moment too early. Each leak's totals also reach the sinks (JFR, the JSON event log,
 * listeners) as one {@code leak} event named {@code <class> at exit} (see {@link LeakTally#summary}).
 */
final class ExitReport {
    private static final long SETTLE_MILLIS = 100;
    private static final int SETTLE_ROUNDS = 5;
    private static final int GROUPS = 16;
    private static final Duration FLUSH = Duration.ofSeconds(2);

    private ExitReport() {
    }

    static void print(AgentRuntime runtime, PrintStream out) {
        boolean systemGcDisabled = ExplicitGc.systemGcDisabled();
        boolean collected = true;
        try {
            // a few collections, until one finds nothing new: what became garbage just before exit is counted
            for (int round = 0; round < SETTLE_ROUNDS && collected; round++) {
                collected = ExplicitGc.run(systemGcDisabled);
                if (runtime.reap(SETTLE_MILLIS) == 0 && round > 0) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        StringBuilder text = new StringBuilder(512);
        if (!collected) {
            text.append("reftrack-agent: -XX:+DisableExplicitGC is set and the GC.run diagnostic command failed:"
                    + " no collection at exit, so objects that became garbage just before it are not reported as"
                    + " leaks (they may be among what is still outstanding below)\n");
        }
        text.append("reftrack-agent at exit: ");
        var leaks = runtime.tally.entries();
        if (leaks.isEmpty()) {
            text.append("no leaks found by the GC\n");
        } else {
            text.append(leaks.size()).append(" distinct leak(s) found by the GC\n");
        }
        for (LeakTally.Entry entry : leaks) {
            LeakReport summary = runtime.tally.summary(entry);
            runtime.core.publish(summary, false);
            text.append(entry.first.className()).append(": ").append(entry.objects).append(' ')
                    .append(runtime.tally.sampledWord()).append("object(s) leaked ").append(entry.references)
                    .append(" reference(s)").append(runtime.tally.estimate(entry.objects)).append(" at\n");
            for (var group : summary.groups()) {
                if (!group.contexts().isEmpty()) {
                    text.append("  taken during: ").append(group.contexts()).append('\n');
                }
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
        int components = runtime.tally.heldByLeakedHolders();
        if (components > 0) {
            text.append(components).append(" component buffer(s) kept alive only by the leaked composite buffers"
                    + " above (not counted as leaks of their own)\n");
        }
        appendOutstanding(runtime, text);
        long before = runtime.releasedBeforeTracking.sum();
        if (before > 0) {
            text.append(before).append(" release(s) of references taken before tracking started (or on objects"
                    + " sampled out): not misuse\n");
        }
        out.print(text);
        out.flush();
        flushSinks(runtime);
    }

    /** The JSON event log writes from a queue: the exit summary must be on disk before the JVM halts. */
    private static void flushSinks(AgentRuntime runtime) {
        try {
            runtime.core.flushSinks(FLUSH);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void appendOutstanding(AgentRuntime runtime, StringBuilder text) {
        Map<String, long[]> byStack = new LinkedHashMap<>();
        long now = System.nanoTime();
        for (Lifetime life : runtime.live()) {
            long held = 0;
            for (Lifetime.Ref ref : life.liveRefs()) {
                held = Math.max(held, now - ref.takenNanos);
            }
            for (LeakReport.Group group : life.dir.report(GROUPS).groups()) {
                String where = group.frames().isEmpty() ? "(no stack)" : group.frames().get(0).toString();
                long[] counts = byStack.computeIfAbsent(life.profile.dirClass() + ": taken at " + where,
                        k -> new long[2]);
                counts[0] += group.users();
                counts[1] = Math.max(counts[1], held);
            }
        }
        if (byStack.isEmpty()) {
            return;
        }
        text.append("still outstanding on live objects (not leaks unless they are never released):\n");
        for (Map.Entry<String, long[]> e : byStack.entrySet()) {
            text.append("  ").append(e.getValue()[0]).append(" reference(s) held up to ")
                    .append(TimeUnit.NANOSECONDS.toMillis(e.getValue()[1])).append(" ms, ").append(e.getKey())
                    .append('\n');
        }
    }
}
