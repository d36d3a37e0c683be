package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackingRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Counts leaks by their stacks and publishes each leaked object as one {@code leak} event of the
 * core (JMX counts, JFR, JSON log, listeners), its groups carrying {@code objects} (1: this
 * object), the acquire site's balance and the pairing policy. The log gets the first object on a
 * set of stacks in full, then at most one summary line per set of stacks per interval
 * ({@value ReftrackAgent#LOG_INTERVAL_PROPERTY}) with the running count. Thread-safe.
 */
final class LeakTally {
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.agent");
    private static final int DISPLAY_LIMIT = 16;

    /** All objects that leaked on one set of stacks. */
    static final class Entry {
        final LeakReport first;
        final Set<Site> sites;
        /** References leaked per group fingerprint, over every object. */
        final Map<String, Integer> users = new HashMap<>();
        /** The context tags of those references per group fingerprint, over every object. */
        final Map<String, LeakReport.Contexts> contexts = new HashMap<>();
        int objects;
        int references;
        long loggedNanos;
        int loggedObjects;

        Entry(LeakReport first, Set<Site> sites) {
            this.first = first;
            this.sites = sites;
        }
    }

    private final RefTrackingRuntime core;
    private final Pairing pairing;
    private final long intervalNanos;
    /** One object in this many is tracked ({@code sample} mode); 1 for all. */
    private final int sampleInterval;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int parentsOfLeakedDerived;
    private int heldByLeakedHolders;

    LeakTally(RefTrackingRuntime core, Pairing pairing, long intervalMillis) {
        this(core, pairing, intervalMillis, 1);
    }

    LeakTally(RefTrackingRuntime core, Pairing pairing, long intervalMillis, int sampleInterval) {
        this.core = core;
        this.pairing = pairing;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.sampleInterval = sampleInterval;
    }

    /** Reports a lifetime whose object was collected with references still live. */
    void leaked(Lifetime life) {
        if (life.keptOnlyByDerived() || life.keptOnlyByHolder()) {
            keptAlive(life);
            return;
        }
        LeakReport report = life.dir.report(DISPLAY_LIMIT);
        String key = report.className() + ' '
                + report.groups().stream().map(LeakReport.Group::fingerprint).collect(Collectors.joining(","));
        Set<Site> sites = sites(life);
        life.reaped = counted(report, 1, sites);
        life.discard(false);
        int objects;
        String summary = null;
        synchronized (this) {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry(report, sites));
            entry.objects++;
            entry.references += report.totalUsers();
            for (LeakReport.Group group : report.groups()) {
                entry.users.merge(group.fingerprint(), group.users(), Integer::sum);
                entry.contexts.merge(group.fingerprint(), group.contexts(), LeakReport.Contexts::plus);
            }
            objects = entry.objects;
            long now = System.nanoTime();
            if (objects == 1) {
                entry.loggedNanos = now;
                entry.loggedObjects = 1;
            } else if (now - entry.loggedNanos >= intervalNanos) {
                summary = report.className() + ": " + objects + " " + sampledWord() + "objects leaked so far"
                        + estimate(objects) + " on the stack first reported at " + firstFrame(report) + " ("
                        + (objects - entry.loggedObjects) + " since the last line)";
                entry.loggedNanos = now;
                entry.loggedObjects = objects;
            }
        }
        core.publish(life.reaped, objects == 1);
        if (summary != null) {
            String line = summary;
            LOG.log(System.Logger.Level.ERROR, () -> line);
        }
    }

    /** The references a live lifetime still holds, as {@link #leaked} would report them. */
    LeakReport held(Lifetime life) {
        return counted(life.dir.report(DISPLAY_LIMIT), 1, sites(life));
    }

    private static Set<Site> sites(Lifetime life) {
        Set<Site> sites = new LinkedHashSet<>();
        for (Lifetime.Ref ref : life.liveRefs()) {
            if (ref.site != Site.BIRTH) {
                sites.add(ref.site);
            }
        }
        return sites;
    }

    private void keptAlive(Lifetime life) {
        boolean held = life.keptOnlyByHolder();
        synchronized (this) {
            if (held) {
                heldByLeakedHolders++;
            } else {
                parentsOfLeakedDerived++;
            }
        }
        life.discard(false);
    }

    /** The report with the objects it stands for, each group's acquire-site balance and the pairing policy. */
    LeakReport counted(LeakReport report, int objects, Set<Site> sites) {
        return report.withGroups(group -> group.withCounts(objects, balance(group, sites)))
                .withPairing(sites.isEmpty() ? null : pairing.description()).withSampleInterval(sampleInterval);
    }

    /** {@code "sampled "} in {@code sample} mode (the objects counted are a sample), else nothing. */
    String sampledWord() {
        return sampleInterval > 1 ? "sampled " : "";
    }

    /**
     * In {@code sample} mode, what {@code objects} sampled objects stand for:
     * {@code " (1 in 64 sampled: about 192 objects)"}; else nothing.
     */
    String estimate(long objects) {
        return sampleInterval > 1 ? " (1 in " + sampleInterval + " sampled: about " + objects * sampleInterval
                + " objects)" : "";
    }

    /** The balance of the site at the top of the group's stack, if it is one of the object's acquire sites. */
    private static LeakReport.SiteBalance balance(LeakReport.Group group, Set<Site> sites) {
        if (group.frames().isEmpty()) {
            return null;
        }
        StackTraceElement top = group.frames().get(0);
        for (Site site : sites) {
            // by place, not equals(): the depot's frames and the site's may differ in class loader name
            if (site.frame != null && top.getClassName().equals(site.frame.getClassName())
                    && top.getMethodName().equals(site.frame.getMethodName())
                    && top.getLineNumber() == site.frame.getLineNumber()) {
                return new LeakReport.SiteBalance(site.taken.sum(), site.released.sum());
            }
        }
        return null;
    }

    String notes(Set<Site> sites) {
        StringBuilder out = new StringBuilder("pairing of releases inferred (").append(pairing.description())
                .append(')');
        for (Site site : sites) {
            out.append("; acquire site ").append(site).append(": ").append(site.balance());
        }
        return out.toString();
    }

    private static String firstFrame(LeakReport report) {
        return report.groups().isEmpty() || report.groups().get(0).frames().isEmpty() ? "(no frame)"
                : report.groups().get(0).frames().get(0).toString();
    }

    /** How many parents were kept alive only by leaked derived objects (not reported on their own). */
    synchronized int parentsOfLeakedDerived() {
        return parentsOfLeakedDerived;
    }

    /** How many objects were kept alive only by leaked holders: a leaked composite's components. */
    synchronized int heldByLeakedHolders() {
        return heldByLeakedHolders;
    }

    /** The entries so far, first seen first. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /**
     * The exit summary of one entry as a {@code leak} event: named {@code <class> at exit}, one
     * group per stack with every object's references, {@code objects} the total on these stacks.
     */
    synchronized LeakReport summary(Entry entry) {
        List<LeakReport.Group> groups = new ArrayList<>();
        int total = 0;
        for (LeakReport.Group group : entry.first.groups()) {
            int users = entry.users.getOrDefault(group.fingerprint(), group.users());
            total += users;
            groups.add(new LeakReport.Group(users, group.stack(), group.holders(), null, null, entry.objects,
                    balance(group, entry.sites), entry.contexts.getOrDefault(group.fingerprint(), group.contexts())));
        }
        return new LeakReport(entry.first.className(), entry.first.className() + LeakReport.EXIT_SUMMARY_SUFFIX,
                total, 0, groups, 0, entry.sites.isEmpty() ? null : pairing.description(), sampleInterval);
    }
}
