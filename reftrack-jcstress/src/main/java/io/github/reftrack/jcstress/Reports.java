package io.github.reftrack.jcstress;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Helpers shared by the tests. reftrack's log is silenced as soon as the first directory is
 * created: the tests provoke leaks and misuse on purpose, millions of times.
 */
final class Reports {
    /** Held so the logger, and the level set on it, stay. */
    private static final Logger REFTRACK_LOG = Logger.getLogger("io.github.reftrack");

    static {
        REFTRACK_LOG.setLevel(Level.OFF);
    }

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
