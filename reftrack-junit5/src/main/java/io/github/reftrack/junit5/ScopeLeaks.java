package io.github.reftrack.junit5;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefScope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the objects born in a scope still hold when it ends (the reftrack agent claims them, see
 * {@link RefScope}), less what the allowances and the baseline accept, grouped: objects leaking
 * on the same stacks make one report, named {@code <class> born in <scope>}, whose groups count
 * the objects ({@code objects: N}) and add up their references.
 *
 * @param reports  the grouped reports, first born first
 * @param accepted how many references the baseline accepted
 * @param problem  why the baseline could not be read, or {@code null}
 */
record ScopeLeaks(List<LeakReport> reports, int accepted, String problem) {
    static final ScopeLeaks NONE = new ScopeLeaks(List.of(), 0, null);

    ScopeLeaks {
        reports = List.copyOf(reports);
    }

    boolean isEmpty() {
        return reports.isEmpty();
    }

    /** {@link #of}, polled until nothing is left or the grace period is over. */
    static ScopeLeaks await(RefScope scope, Allowances allowances, int displayLimit, Duration gracePeriod) {
        long deadline = System.nanoTime() + gracePeriod.toNanos();
        ScopeLeaks leaks = of(scope, allowances, displayLimit);
        while (!leaks.isEmpty() && deadline - System.nanoTime() > 0) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            leaks = of(scope, allowances, displayLimit);
        }
        return leaks;
    }

    static ScopeLeaks of(RefScope scope, Allowances allowances, int displayLimit) {
        if (scope == null) {
            return NONE;
        }
        List<LeakReport> held = scope.held();
        if (held.isEmpty()) {
            return NONE;
        }
        BaselineFingerprints baseline = BaselineFingerprints.get();
        Map<String, List<LeakReport>> byStacks = new LinkedHashMap<>();
        int accepted = 0;
        for (LeakReport report : held) {
            List<LeakReport.Group> kept = new ArrayList<>();
            for (LeakReport.Group group : report.groups()) {
                if (baseline.accepts(group.fingerprint())) {
                    accepted += group.users();
                } else if (!allowances.allows(report.className(), group)) {
                    kept.add(group);
                }
            }
            if (!kept.isEmpty()) {
                String key = report.className() + ' '
                        + kept.stream().map(LeakReport.Group::fingerprint).collect(Collectors.joining(","));
                byStacks.computeIfAbsent(key, k -> new ArrayList<>()).add(withGroups(report, kept));
            }
        }
        List<LeakReport> reports = new ArrayList<>();
        for (List<LeakReport> same : byStacks.values()) {
            if (reports.size() < displayLimit) {
                reports.add(merge(same, scope.name()));
            }
        }
        return new ScopeLeaks(reports, accepted, baseline.problem());
    }

    private static LeakReport withGroups(LeakReport report, List<LeakReport.Group> groups) {
        int shown = groups.stream().mapToInt(LeakReport.Group::users).sum();
        return new LeakReport(report.className(), report.dirName(), shown, 0, groups, 0, report.pairing());
    }

    /** One report for the objects that leaked on the same stacks. */
    private static LeakReport merge(List<LeakReport> same, String scopeName) {
        LeakReport first = same.get(0);
        List<LeakReport.Group> groups = new ArrayList<>();
        int total = 0;
        for (int g = 0; g < first.groups().size(); g++) {
            LeakReport.Group group = first.groups().get(g);
            int users = 0;
            LeakReport.Contexts contexts = LeakReport.Contexts.NONE;
            for (LeakReport report : same) {
                users += report.groups().get(g).users();
                contexts = contexts.plus(report.groups().get(g).contexts());
            }
            total += users;
            groups.add(new LeakReport.Group(users, group.stack(), group.holders(), group.oldest(), group.newest(),
                    same.size(), group.balance(), contexts));
        }
        return new LeakReport(first.className(), first.className() + " born in " + scopeName, total, 0, groups, 0,
                first.pairing());
    }
}
