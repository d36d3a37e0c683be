package io.github.reftrack.internal.engine;

import io.github.reftrack.LeakReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The leaks a tool found one object at a time (the agent reports each object the GC collected
 * with references live), grouped by class and stacks: how many objects leaked on each set of
 * stacks and how many references on each stack. It decides what the log gets (the first object on
 * a set of stacks in full, then at most one summary line per set of stacks per interval, with the
 * running count) and makes the totals at exit, one {@code <class> at exit} report per set of
 * stacks. Thread-safe: guarded by {@code this}; leaks are rare.
 */
public final class FoundLeaks {
    /** What the log gets for one leak: the report in full, a summary line, or nothing. */
    public record Logged(boolean inFull, String summary) {
    }

    private static final Logged NOTHING = new Logged(false, null);
    /**
     * The most holder names a total keeps per stack: a leak per request on files of their own
     * must not grow the tally without bound.
     */
    static final int HOLDERS_KEPT = 100;

    private final LongSupplier ticker;
    private final long intervalNanos;
    /** Guarded by {@code this}; keyed by class and group fingerprints, in the order first found. */
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /**
     * Creates an empty tally.
     *
     * @param ticker        the nanosecond clock the log interval is measured with
     * @param intervalNanos the least time between two summary lines of one set of stacks
     */
    public FoundLeaks(LongSupplier ticker, long intervalNanos) {
        this.ticker = ticker;
        this.intervalNanos = intervalNanos;
    }

    /**
     * Counts the leak of one object.
     *
     * @param report the object's report, each group with {@code objects} 1
     * @return what the log gets
     */
    public Logged found(LeakReport report) {
        String key = report.className() + ' '
                + report.groups().stream().map(LeakReport.Group::fingerprint).collect(Collectors.joining(","));
        long now = ticker.getAsLong();
        synchronized (this) {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry(report, now));
            return entry.add(report, now, intervalNanos);
        }
    }

    /**
     * Returns the totals so far, one report per set of stacks named {@code <class> at exit}: each
     * group with the references leaked on its stack over every object, their context tags and
     * holder names (the first {@value #HOLDERS_KEPT} distinct ones), the
     * acquire site's balance of the latest object, and {@code objects} the objects leaked on these
     * stacks.
     *
     * @return the totals, first found first
     */
    public synchronized List<LeakReport> totals() {
        List<LeakReport> totals = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            totals.add(entry.total());
        }
        return totals;
    }

    /** All objects that leaked on one set of stacks. */
    private static final class Entry {
        final LeakReport first;
        /** References leaked per group fingerprint, over every object. */
        final Map<String, Integer> users = new HashMap<>();
        /** The latest group per fingerprint: its acquire-site balance is the newest known. */
        final Map<String, LeakReport.Group> latest = new HashMap<>();
        /** The context tags of those references per group fingerprint, over every object. */
        final Map<String, LeakReport.Contexts> contexts = new HashMap<>();
        /** The distinct holder names per group fingerprint, over every object, at most HOLDERS_KEPT. */
        final Map<String, Set<String>> holders = new HashMap<>();
        int objects;
        long loggedNanos;
        int loggedObjects;

        Entry(LeakReport first, long now) {
            this.first = first;
            this.loggedNanos = now;
        }

        Logged add(LeakReport report, long now, long intervalNanos) {
            objects++;
            for (LeakReport.Group group : report.groups()) {
                users.merge(group.fingerprint(), group.users(), Integer::sum);
                latest.put(group.fingerprint(), group);
                contexts.merge(group.fingerprint(), group.contexts(), LeakReport.Contexts::plus);
                Set<String> names = holders.computeIfAbsent(group.fingerprint(), f -> new LinkedHashSet<>());
                for (String holder : group.holders()) {
                    if (names.size() < HOLDERS_KEPT) {
                        names.add(holder);
                    }
                }
            }
            if (objects == 1) {
                loggedObjects = 1;
                return new Logged(true, null);
            }
            if (now - loggedNanos < intervalNanos) {
                return NOTHING;
            }
            String summary = report.className() + ": " + objects + " " + (report.sampleInterval() > 1 ? "sampled " : "")
                    + "objects leaked so far" + estimate(report.sampleInterval(), objects)
                    + " on the stack first reported at " + firstFrame() + " (" + (objects - loggedObjects)
                    + " since the last line)";
            loggedNanos = now;
            loggedObjects = objects;
            return new Logged(false, summary);
        }

        LeakReport total() {
            List<LeakReport.Group> groups = new ArrayList<>();
            int total = 0;
            for (LeakReport.Group group : first.groups()) {
                int leaked = users.getOrDefault(group.fingerprint(), group.users());
                total += leaked;
                LeakReport.Group last = latest.getOrDefault(group.fingerprint(), group);
                List<String> names = List.copyOf(holders.getOrDefault(group.fingerprint(), Set.of()));
                groups.add(new LeakReport.Group(leaked, group.stack(), names, null, null, objects,
                        last.balance(), contexts.getOrDefault(group.fingerprint(), group.contexts())));
            }
            return new LeakReport(first.className(), first.className() + LeakReport.EXIT_SUMMARY_SUFFIX, total, 0,
                    groups, 0, first.pairing(), first.sampleInterval());
        }

        private String firstFrame() {
            return first.groups().isEmpty() || first.groups().get(0).frames().isEmpty() ? "(no frame)"
                    : first.groups().get(0).frames().get(0).toString();
        }
    }

    /**
     * In {@code sample} mode, what {@code objects} sampled objects stand for:
     * {@code " (1 in 64 sampled: about 192 objects)"}; else nothing.
     *
     * @param sampleInterval one object in this many was tracked
     * @param objects        the sampled objects
     * @return the text, starting with a space, or empty
     */
    private static String estimate(int sampleInterval, long objects) {
        return sampleInterval > 1 ? " (1 in " + sampleInterval + " sampled: about " + objects * sampleInterval
                + " objects)" : "";
    }
}
