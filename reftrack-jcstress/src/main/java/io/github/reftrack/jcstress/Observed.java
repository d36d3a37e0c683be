package io.github.reftrack.jcstress;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What reftrack reported about each directory a test watches: one process-wide listener files
 * every event under the directory's name. jcstress runs many test instances at once, each with
 * its own directory, so the events of one never mix with another's.
 * Thread-safe.
 */
final class Observed {
    private static final Map<String, Events> BY_DIR = new ConcurrentHashMap<>();

    static {
        RefTracking.addListener(new RefTrackerListener() {
            @Override
            public void onLeak(LeakReport report) {
                Events events = BY_DIR.get(report.dirName());
                if (events != null) {
                    events.leaks.add(report);
                }
            }

            @Override
            public void onDoubleRelease(DoubleRelease event) {
                Events events = BY_DIR.get(event.dirName());
                if (events != null) {
                    events.doubleReleases.incrementAndGet();
                }
            }

            @Override
            public void onMisuse(Misuse event) {
                Events events = BY_DIR.get(event.dirName());
                if (events != null) {
                    events.misuse.add(event.kind());
                }
            }
        });
    }

    private Observed() {
    }

    /** The events of one directory. Each collection is thread-safe on its own. */
    static final class Events {
        final Queue<LeakReport> leaks = new ConcurrentLinkedQueue<>();
        final Set<Misuse.Kind> misuse = ConcurrentHashMap.newKeySet();
        final AtomicInteger doubleReleases = new AtomicInteger();

        /** Returns the users in all leak reports, -1 if a report's groups do not add up to its total. */
        int leakedUsers() {
            int total = 0;
            for (LeakReport report : leaks) {
                if (!Reports.consistent(report)) {
                    return -1;
                }
                total += report.totalUsers();
            }
            return total;
        }
    }

    /**
     * Starts filing the events of a directory.
     *
     * @param dir the directory
     * @return where its events go
     */
    static Events watch(RefTrackerDir dir) {
        Events events = new Events();
        BY_DIR.put(dir.name(), events);
        return events;
    }

    /**
     * Stops filing the events of a directory.
     *
     * @param dir the directory
     */
    static void forget(RefTrackerDir dir) {
        BY_DIR.remove(dir.name());
    }
}
