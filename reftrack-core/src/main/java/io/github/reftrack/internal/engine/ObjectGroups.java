package io.github.reftrack.internal.engine;

import io.github.reftrack.CallStack;
import io.github.reftrack.LeakReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the reports of several directories of one class by stack: where a library gives every
 * object a directory of its own (the agent does), ten objects holding a reference each from one
 * call path are one group of ten users on ten objects, not ten reports. A class with one
 * directory keeps its report as it is. Not thread-safe: one call's local state.
 */
public final class ObjectGroups {
    private final String className;
    /**
     * Keyed by the whole stack, line numbers included, as a directory groups its trackers: two
     * references taken in one method at different lines share a fingerprint but are two groups.
     */
    private final Map<CallStack, Merged> byStack = new LinkedHashMap<>();
    private int directories;
    private int total;
    private int skipped;
    private int untracked;
    private String pairing;
    private LeakReport only;

    private ObjectGroups(String className) {
        this.className = className;
    }

    /**
     * Merges reports by directory class.
     *
     * @param reports      non-empty reports of open directories, in any order
     * @param displayLimit the most groups per class
     * @return one report per class, in the order each class first appears; a class with several
     *         directories is reported under its class name, with an object count on each group
     *         shared by more than one of them
     */
    public static List<LeakReport> byClass(List<LeakReport> reports, int displayLimit) {
        Map<String, ObjectGroups> byClass = new LinkedHashMap<>();
        for (LeakReport report : reports) {
            byClass.computeIfAbsent(report.className(), ObjectGroups::new).add(report);
        }
        List<LeakReport> merged = new ArrayList<>(byClass.size());
        for (ObjectGroups groups : byClass.values()) {
            merged.add(groups.report(displayLimit));
        }
        return merged;
    }

    private void add(LeakReport report) {
        directories++;
        only = report;
        total += report.totalUsers();
        skipped += report.skippedUsers();
        untracked += report.untrackedUsers();
        if (pairing == null) {
            pairing = report.pairing();
        }
        for (LeakReport.Group group : report.groups()) {
            byStack.computeIfAbsent(group.stack(), f -> new Merged(group)).add(group, directories);
        }
    }

    private LeakReport report(int displayLimit) {
        if (directories == 1) {
            return only;
        }
        List<Merged> order = new ArrayList<>(byStack.values());
        order.sort(Comparator.comparing(m -> m.newest, Comparator.nullsLast(Comparator.naturalOrder())));
        List<LeakReport.Group> groups = new ArrayList<>();
        int cut = skipped;
        for (Merged m : order) {
            if (groups.size() < displayLimit) {
                groups.add(m.group());
            } else {
                cut += m.users;
            }
        }
        return new LeakReport(className, className, total, cut, groups, untracked, pairing);
    }

    /** One stack's users over the directories of the class. */
    private static final class Merged {
        final LeakReport.Group first;
        final Set<String> holders = new LinkedHashSet<>();
        int users;
        int objects;
        /** The ordinal of the last directory counted in {@code objects}. */
        int lastDirectory;
        Duration oldest;
        Duration newest;
        LeakReport.Contexts contexts = LeakReport.Contexts.NONE;

        Merged(LeakReport.Group first) {
            this.first = first;
        }

        void add(LeakReport.Group group, int directory) {
            users += group.users();
            if (directory != lastDirectory) {
                objects += Math.max(1, group.objects());
                lastDirectory = directory;
            }
            holders.addAll(group.holders());
            contexts = contexts.plus(group.contexts());
            if (group.oldest() != null && (oldest == null || group.oldest().compareTo(oldest) > 0)) {
                oldest = group.oldest();
            }
            if (group.newest() != null && (newest == null || group.newest().compareTo(newest) < 0)) {
                newest = group.newest();
            }
        }

        LeakReport.Group group() {
            return new LeakReport.Group(users, first.stack(), List.copyOf(holders), oldest, newest,
                    objects > 1 ? objects : 0, null, contexts);
        }
    }
}
