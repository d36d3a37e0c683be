package io.github.reftrack.jmx;

import io.github.reftrack.LeakReport;
import java.util.Map;

/** The MXBean implementation: reads the runtime's view on every call. Thread-safe. */
final class RefTrackingBean implements RefTrackingMXBean {
    private final RuntimeView view;

    RefTrackingBean(RuntimeView view) {
        this.view = view;
    }

    @Override
    public int getLiveDirectories() {
        return view.directories().size();
    }

    @Override
    public long getLiveReferences() {
        return view.liveReferences();
    }

    @Override
    public long getLeaks() {
        return view.counts().leaks();
    }

    @Override
    public long getDoubleReleases() {
        return view.counts().doubleReleases();
    }

    @Override
    public long getLostReferences() {
        return view.counts().lostReferences();
    }

    @Override
    public long getLongHeld() {
        return view.counts().longHeld();
    }

    @Override
    public Map<String, Long> getLiveByClass() {
        return view.liveByClass();
    }

    @Override
    public String getMode() {
        return view.mode();
    }

    @Override
    public long getHousekeeperFailures() {
        return view.housekeeperFailures();
    }

    @Override
    public boolean isHousekeeperRunning() {
        return view.housekeeperRunning();
    }

    @Override
    public String dump() {
        return dump(null);
    }

    @Override
    public String dump(String className) {
        StringBuilder out = new StringBuilder();
        for (LeakReport report : view.reports(className)) {
            out.append(report);
        }
        return out.toString();
    }

    @Override
    public String dumpJson() {
        return dumpJson(null);
    }

    @Override
    public String dumpByClass() {
        return dumpByClass(null);
    }

    @Override
    public String dumpByClass(String className) {
        StringBuilder out = new StringBuilder();
        for (LeakReport report : view.reportsByClass(className)) {
            out.append(report);
        }
        return out.toString();
    }

    @Override
    public String dumpByClassJson() {
        return dumpByClassJson(null);
    }

    @Override
    public String dumpByClassJson(String className) {
        return view.toJson(view.reportsByClass(className));
    }

    @Override
    public String leakHistory() {
        return leakHistory(null);
    }

    @Override
    public String leakHistory(String className) {
        return view.leakHistory().ofClass(className).toString();
    }

    @Override
    public String oldest(int n) {
        return view.oldest(Math.max(0, n));
    }

    @Override
    public String dumpJson(String className) {
        return view.toJson(view.reports(className));
    }
}
