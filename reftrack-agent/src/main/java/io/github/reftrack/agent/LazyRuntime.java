package io.github.reftrack.agent;

import io.github.reftrack.RefTracking;
import io.github.reftrack.RefTrackingRuntime;
import io.github.reftrack.RefTrackingSettings;
import io.github.reftrack.internal.Detached;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The agent's runtime, built when the first hook runs instead of in {@code premain}: a JVM that
 * never touches a tracked object (a short job, a test fork that uses no Netty buffer) never
 * builds the core runtime, its sinks and JFR events, nor starts the reaper thread.
 *
 * <p>Thread-safe. The runtime is built once, under this object's lock, and published through a
 * volatile field: a hook on another thread during the build waits for it, so no object born
 * meanwhile goes untracked; a hook reached from the build itself (on the building thread) sees no
 * runtime and tracks nothing, as before {@code premain} ended. Once {@link #closeUnbuilt} found
 * nothing built (the JVM is exiting), or a build failed, nothing is built any more.
 */
final class LazyRuntime {
    private final Supplier<RefTrackingSettings> settings;
    private final List<Profile> profiles;
    private final Pairing pairing;
    private final boolean attached;
    private final Map<Profile, Duration> holdThresholds;
    private final Duration logInterval;
    private final Runnable exitReport;
    private volatile AgentRuntime built;
    /** Written under the lock: a build failed, or the JVM is exiting with nothing built. */
    private volatile boolean closed;
    /** Guarded by the lock: the thread holding it is building the runtime. */
    private boolean building;

    /**
     * A runtime to build later.
     *
     * @param settings       the core's settings, with the agent's mode
     * @param profiles       the profiles tracked
     * @param pairing        the pairing policy
     * @param attached       whether the agent was attached (side-table lifetimes)
     * @param holdThresholds each profile's hold threshold
     * @param logInterval    the interval between two log lines about one leak stack
     * @param exitReport     what runs at exit once the runtime is built, given it
     */
    LazyRuntime(Supplier<RefTrackingSettings> settings, List<Profile> profiles, Pairing pairing, boolean attached,
            Map<Profile, Duration> holdThresholds, Duration logInterval,
            Consumer<AgentRuntime> exitReport) {
        this.settings = settings;
        this.profiles = profiles;
        this.pairing = pairing;
        this.attached = attached;
        this.holdThresholds = holdThresholds;
        this.logInterval = logInterval;
        this.exitReport = () -> exitReport.accept(built);
    }

    /** The runtime, built now if it was not yet; null on the thread building it, or after it could not be. */
    AgentRuntime get() {
        AgentRuntime runtime = built;
        return runtime != null || closed ? runtime : build();
    }

    /**
     * At exit: whether no runtime was built; if so none will be from now on, and the caller
     * writes the exit report of a JVM that tracked nothing.
     */
    synchronized boolean closeUnbuilt() {
        closed = true;
        return built == null;
    }

    /** Other threads wait on the lock until the build ends; the building thread's own hooks see null. */
    private synchronized AgentRuntime build() {
        if (built != null || closed || building) {
            return built;
        }
        building = true;
        try {
            // the hook's thread may run a plugin's class: keep its loader out of the threads and hooks made here
            Detached.run(this::buildDetached);
        } catch (RuntimeException | LinkageError e) {
            closed = true;
            System.getLogger("io.github.reftrack.agent").log(System.Logger.Level.WARNING,
                    "reftrack-agent: could not start tracking, nothing is tracked", e);
        } finally {
            building = false;
        }
        return built;
    }

    private void buildDetached() {
        RefTrackingSettings given = settings.get();
        int sample = given.mode() == RefTracking.Mode.SAMPLE ? given.sampleInterval() : 1;
        RefTrackingRuntime core = coreRuntime(given);
        AgentRuntime runtime = new AgentRuntime(core, profiles, pairing, sample, attached, holdThresholds);
        // with the core's exit reports: before a JFR recording dumped at exit closes
        core.addExitReport(exitReport);
        built = runtime;
        runtime.reaperStarted(daemon("reftrack-agent-reaper", runtime::reapForever));
        holdThresholds.values().stream().min(Duration::compareTo).ifPresent(shortest -> daemon(
                "reftrack-agent-hold-scan", () -> LongHolds.scanForever(runtime, LongHolds.periodMillis(shortest))));
    }

    /**
     * The agent's own core runtime: the {@code reftrack.*} properties with the agent's mode, its
     * own package and the profiles' libraries hidden, and the built-in sinks (JSON log, JFR, the
     * MXBean). Its exit report is the agent's ({@link ExitReport}), not the core's.
     */
    private RefTrackingRuntime coreRuntime(RefTrackingSettings given) {
        Set<String> hide = new LinkedHashSet<>();
        hide.add(ReftrackAgent.class.getPackageName() + '.');
        for (Profile profile : profiles) {
            hide.addAll(profile.hide());
        }
        return RefTrackingRuntime.builder().settings(given.withReportAtExit(false)).hide(hide.toArray(String[]::new))
                .leakLogInterval(logInterval).builtInSinks(true).build();
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = Detached.thread(name, task);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
