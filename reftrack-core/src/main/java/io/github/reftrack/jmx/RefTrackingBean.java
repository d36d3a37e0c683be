package io.github.reftrack.jmx;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import java.util.List;
import java.util.Map;

/** The MXBean implementation: reads the registry and the event counts on every call. Thread-safe. */
final class RefTrackingBean implements RefTrackingMXBean {
    private final EventCounts counts;

    RefTrackingBean(EventCounts counts) {
        this.counts = counts;
    }

    @Override
    public int getLiveDirectories() {
        return RefTracking.registry().directories().size();
    }

    @Override
    public long getLiveReferences() {
        return RefTracking.registry().liveReferences();
    }

    @Override
    public long getLeaks() {
        return counts.leaks();
    }

    @Override
    public long getDoubleReleases() {
        return counts.doubleReleases();
    }

    @Override
    public long getLostReferences() {
        return counts.lostReferences();
    }

    @Override
    public Map<String, Long> getLiveByClass() {
        return RefTracking.registry().liveByClass();
    }

    @Override
    public String getMode() {
        return RefTracking.mode().name();
    }

    @Override
    public String dump() {
        return dump(null);
    }

    @Override
    public String dump(String className) {
        StringBuilder out = new StringBuilder();
        for (LeakReport report : reports(className)) {
            out.append(report);
        }
        return out.toString();
    }

    @Override
    public String dumpJson() {
        return dumpJson(null);
    }

    @Override
    public String dumpJson(String className) {
        StringBuilder out = new StringBuilder().append('[');
        for (LeakReport report : reports(className)) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(report.toJson());
        }
        return out.append(']').toString();
    }

    private static List<LeakReport> reports(String className) {
        return RefTracking.registry().reports(className, Jmx.DISPLAY_LIMIT);
    }
}
