package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackingRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * What the agent prints when the JVM exits: the leaks the GC found (reported earlier or not yet),
 * one total per set of stacks (the core's {@link RefTrackingRuntime#foundLeaks}, with the acquire
 * sites' final balances and the pairing policy), and what is still outstanding on live objects,
 * grouped as the core groups open directories (by class, then by stack, with each stack's object
 * count and hold ages). Nothing found is lost because the process ended a moment too early.
 *
 * <p>Each total is a {@code leak} event named {@code <class> at exit}: it reaches the sinks (JFR,
 * the JSON event log, listeners) and is printed as exactly its {@link LeakReport#toString()}, so
 * {@code reftrack report} of the JSON log prints the same text. The other lines are the agent's
 * own text because they are not leak events: the headline, the parents kept alive only by leaked
 * derived buffers, the components kept alive only by leaked composites, the references still
 * outstanding (the core's reports of live directories), and the releases of references taken
 * before tracking started.
 */
final class ExitReport {
    /** How long a collection's references may take to be queued (a loaded machine's reference handler). */
    private static final long QUEUE_MILLIS = 5_000;
    private static final long REAPER_STOP_MILLIS = 5_000;
    private static final int SETTLE_ROUNDS = 5;
    private static final int GROUPS = 16;
    private static final Duration FLUSH = Duration.ofSeconds(2);
    private static final String HEADLINE = "reftrack-agent at exit: ";
    private static final String NO_LEAKS = "no leaks found by the GC\n";

    private ExitReport() {
    }

    /** What {@link #print} prints when no object was ever tracked. */
    static void printNothingTracked(PrintStream out) {
        out.print(HEADLINE + NO_LEAKS);
        out.flush();
    }

    static void print(AgentRuntime runtime, PrintStream out) {
        // nothing ever tracked: no collection can find a leak, so spare a short run the full GCs
        boolean collected = !runtime.everTracked() || settle(runtime);
        StringBuilder text = new StringBuilder(512);
        if (!collected) {
            text.append("reftrack-agent: -XX:+DisableExplicitGC is set and the GC.run diagnostic command failed:"
                    + " no collection at exit, so objects that became garbage just before it are not reported as"
                    + " leaks (they may be among what is still outstanding below)\n");
        }
        text.append(HEADLINE);
        List<LeakReport> leaks = runtime.leaks.totals();
        if (leaks.isEmpty()) {
            text.append(NO_LEAKS);
        } else {
            text.append(leaks.size()).append(" distinct leak(s) found by the GC\n");
        }
        for (LeakReport total : leaks) {
            runtime.core.publish(total);
            appendTotal(total, text);
        }
        int parents = runtime.leaks.parentsOfLeakedDerived();
        if (parents > 0) {
            text.append(parents).append(" parent buffer(s) kept alive only by the leaked derived buffers above"
                    + " (not counted as leaks of their own)\n");
        }
        int components = runtime.leaks.heldByLeakedHolders();
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

    /** One total as its event's text, set off from the next by a blank line. */
    private static void appendTotal(LeakReport total, StringBuilder text) {
        String event = total.toString();
        text.append(event);
        if (!event.endsWith("\n\n")) {
            text.append('\n');
        }
    }

    /**
     * Stops the reaper daemon (so no collected object is between the queue and the totals), then
     * runs a few collections, each waiting until the previous one's references are queued, and
     * reaps after each until one finds nothing new: what became garbage just before exit is counted
     * however slowly a loaded machine queues it. False if no collection could be asked for.
     */
    private static boolean settle(AgentRuntime runtime) {
        boolean systemGcDisabled = ExplicitGc.systemGcDisabled();
        boolean collected;
        try {
            runtime.stopReaper(REAPER_STOP_MILLIS);
            collected = ExplicitGc.runAndAwaitQueues(systemGcDisabled, QUEUE_MILLIS);
            // each collection also waits for the previous one's references to be queued: reap those
            for (int round = 0; round < SETTLE_ROUNDS && collected; round++) {
                collected = ExplicitGc.runAndAwaitQueues(systemGcDisabled, QUEUE_MILLIS);
                if (runtime.reap(0) == 0) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        return collected;
    }

    /** The JSON event log writes from a queue: the exit summary must be on disk before the JVM halts. */
    private static void flushSinks(AgentRuntime runtime) {
        try {
            runtime.core.flushSinks(FLUSH);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The references live objects hold, as the core groups open directories: by class, then by stack. */
    private static void appendOutstanding(AgentRuntime runtime, StringBuilder text) {
        List<LeakReport> held = runtime.core.registry().reportsByClass(null, GROUPS);
        if (held.isEmpty()) {
            return;
        }
        text.append("still outstanding on live objects (not leaks unless they are never released):\n");
        for (LeakReport report : held) {
            text.append(report);
        }
    }
}
