package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackingRuntime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes each leaked object as one {@code leak} event of the core (which counts it, groups it
 * by stacks with the others and rate-limits the log, see {@link RefTrackingRuntime#publish}), its
 * groups carrying {@code objects} (1: this object), the acquire site's balance and the pairing
 * policy; and the core's totals at exit with each site's final balance. Counts the objects kept
 * alive only by leaked ones (not leaks of their own). Thread-safe.
 */
final class LeakFinder {
    private static final int DISPLAY_LIMIT = 16;

    private final RefTrackingRuntime core;
    private final Pairing pairing;
    /** One object in this many is tracked ({@code sample} mode); 1 for all. */
    private final int sampleInterval;
    /** The acquire sites of leaked references: their balances at exit. */
    private final Set<Site> leakSites = ConcurrentHashMap.newKeySet();
    /** The classes of leaked objects whose profile pairs nothing: births and closes only, as closeables. */
    private final Set<String> unpairedClasses = ConcurrentHashMap.newKeySet();
    private int parentsOfLeakedDerived;
    private int heldByLeakedHolders;

    LeakFinder(RefTrackingRuntime core, Pairing pairing, int sampleInterval) {
        this.core = core;
        this.pairing = pairing;
        this.sampleInterval = sampleInterval;
    }

    /** Reports a lifetime whose object was collected with references still live. */
    void leaked(Lifetime life) {
        if (life.keptOnlyByDerived() || life.keptOnlyByHolder()) {
            keptAlive(life);
            return;
        }
        Set<Site> sites = sites(life);
        leakSites.addAll(sites);
        life.reaped = counted(life.dir.report(DISPLAY_LIMIT), sites);
        if (life.profile.acquire().isEmpty()) {
            unpairedClasses.add(life.reaped.className());
        }
        life.discard(false);
        core.publish(life.reaped);
    }

    /** The references a live lifetime still holds, as {@link #leaked} would report them. */
    LeakReport held(Lifetime life) {
        return counted(life.dir.report(DISPLAY_LIMIT), sites(life));
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

    /** The report of one object, each group's acquire-site balance and the pairing policy. */
    private LeakReport counted(LeakReport report, Set<Site> sites) {
        return report.withGroups(group -> group.withCounts(1, balance(group, sites)))
                .withPairing(sites.isEmpty() ? null : pairing.description()).withSampleInterval(sampleInterval);
    }

    /**
     * The core's totals so far, each group with its acquire site's balance now, and the pairing
     * policy on the totals of classes whose releases are paired by inference (not on a closeable's:
     * one birth, one close).
     */
    List<LeakReport> totals() {
        List<LeakReport> totals = new ArrayList<>();
        for (LeakReport total : core.foundLeaks()) {
            boolean paired = !unpairedClasses.contains(total.className());
            totals.add(total.withGroups(group -> group.withCounts(group.objects(), balance(group, leakSites)))
                    .withPairing(paired ? pairing.description() : null));
        }
        return totals;
    }

    /** The balance of the site at the top of the group's stack, if it is one of {@code sites}. */
    private static LeakReport.SiteBalance balance(LeakReport.Group group, Set<Site> sites) {
        Site site = siteAt(group, sites);
        return site == null ? null : new LeakReport.SiteBalance(site.taken.sum(), site.released.sum());
    }

    /** The site at the top of the group's stack, if it is one of {@code sites}. */
    private static Site siteAt(LeakReport.Group group, Set<Site> sites) {
        if (group.frames().isEmpty()) {
            return null;
        }
        StackTraceElement top = group.frames().get(0);
        for (Site site : sites) {
            // by place, not equals(): the depot's frames and the site's may differ in class loader name
            if (site.frame != null && top.getClassName().equals(site.frame.getClassName())
                    && top.getMethodName().equals(site.frame.getMethodName())
                    && top.getLineNumber() == site.frame.getLineNumber()) {
                return site;
            }
        }
        return null;
    }

    /** How many parents were kept alive only by leaked derived objects (not reported on their own). */
    synchronized int parentsOfLeakedDerived() {
        return parentsOfLeakedDerived;
    }

    /** How many objects were kept alive only by leaked holders: a leaked composite's components. */
    synchronized int heldByLeakedHolders() {
        return heldByLeakedHolders;
    }
}
