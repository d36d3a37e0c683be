package io.github.reftrack.jcstress;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;

/** Helpers shared by the tests. */
final class Reports {
    private Reports() {
    }

    /** A fresh full-mode directory with a small quarantine and no lost-reference detection. */
    static RefTrackerDir newDirectory() {
        return RefTrackerDir.builder("jcstress").mode(RefTracking.Mode.FULL).quarantine(4).detectLost(false).build();
    }

    /** Whether the groups of a report account for exactly its users. */
    static boolean consistent(LeakReport report) {
        int users = report.skippedUsers();
        for (LeakReport.Group group : report.groups()) {
            if (group.users() < 1) {
                return false;
            }
            users += group.users();
        }
        return users == report.totalUsers();
    }

    /** The users a report shows, or -1 if its groups do not add up. */
    static int users(LeakReport report) {
        return consistent(report) ? report.totalUsers() : -1;
    }
}
