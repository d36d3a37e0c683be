package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts leaks by their stacks. The first object leaking on a set of stacks is reported in full
 * through reftrack's sinks (its directory is closed with the references still live); later
 * objects leaking on the same stacks add to the count and log one line. The totals are printed at
 * exit. Thread-safe.
 */
final class LeakTally {
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.agent");
    private static final int DISPLAY_LIMIT = 16;

    /** All objects that leaked on one set of stacks. */
    static final class Entry {
        final LeakReport first;
        final Set<Site> sites;
        int objects;
        int references;

        Entry(LeakReport first, Set<Site> sites) {
            this.first = first;
            this.sites = sites;
        }
    }

    private final Pairing pairing;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private int parentsOfLeakedDerived;
    private int heldByLeakedHolders;

    LeakTally(Pairing pairing) {
        this.pairing = pairing;
    }

    /** Reports a lifetime whose object was collected with references still live. */
    void leaked(Lifetime life) {
        if (life.keptOnlyByDerived() || life.keptOnlyByHolder()) {
            boolean held = life.keptOnlyByHolder();
            synchronized (this) {
                if (held) {
                    heldByLeakedHolders++;
                } else {
                    parentsOfLeakedDerived++;
                }
            }
            life.discard(false);
            return;
        }
        LeakReport report = life.dir.report(DISPLAY_LIMIT);
        String key = report.className() + ' '
                + report.groups().stream().map(LeakReport.Group::fingerprint).collect(Collectors.joining(","));
        Set<Site> sites = new LinkedHashSet<>();
        for (Lifetime.Ref ref : life.liveRefs()) {
            if (ref.site != Site.BIRTH) {
                sites.add(ref.site);
            }
        }
        Entry entry;
        int objects;
        synchronized (this) {
            entry = entries.computeIfAbsent(key, k -> new Entry(report, sites));
            entry.objects++;
            entry.references += report.totalUsers();
            objects = entry.objects;
        }
        if (objects == 1) {
            LOG.log(System.Logger.Level.ERROR, () -> report.dirName() + " was garbage-collected with "
                    + report.totalUsers() + (report.totalUsers() == 1 ? " reference" : " references")
                    + " live; " + notes(sites));
            life.dir.close();
        } else {
            LOG.log(System.Logger.Level.ERROR, () -> report.className() + ": the same leak again (" + objects
                    + " objects so far) at " + firstFrame(report));
            life.discard(false);
        }
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
}
