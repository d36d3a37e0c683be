package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link BtrfsFs} is mounted: the {@code ref_tracker} mount option on top of the global
 * tracking mode, the async worker pool, an armed {@link InjectionSite}, and the kill-all watchdog.
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 *
 * @param refTracker         the {@code -o ref_tracker} option: off makes every node use the
 *                           shared disabled directory (no trackers, nothing printed). Defaults
 *                           to on (the kernel's default is off) because the global mode, off
 *                           unless set, already plays the role of {@code CONFIG_BTRFS_DEBUG}
 * @param tracking           the mode of the nodes' directories when the option is on
 * @param workerThreads      async worker threads; 0 queues worker runs for
 *                           {@link DelayedWorkers#runQueuedWork()} (deterministic tests)
 * @param inject             the injection site armed for this mount, or {@code null}
 * @param killAllReportAfter how long kill-all spins on stuck nodes before reporting them
 * @param killAllDeadline    how long kill-all spins on stuck nodes before giving up
 * @param printSink          receives the reports {@code killAllDelayedNodes} prints
 */
public record MountOptions(boolean refTracker, RefTracking.Mode tracking, int workerThreads, InjectionSite inject,
        Duration killAllReportAfter, Duration killAllDeadline, Consumer<LeakReport> printSink) {

    private static final System.Logger LOG = System.getLogger("io.github.reftrack.delayedinode");

    /**
     * Validates the components.
     *
     * @throws NullPointerException     if a component other than {@code inject} is null
     * @throws IllegalArgumentException if {@code workerThreads} is negative or a duration is
     *                                  negative
     */
    public MountOptions {
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(printSink, "printSink");
        Objects.requireNonNull(killAllReportAfter, "killAllReportAfter");
        Objects.requireNonNull(killAllDeadline, "killAllDeadline");
        if (workerThreads < 0) {
            throw new IllegalArgumentException("workerThreads must be >= 0 (0 = run worker jobs by hand), was "
                    + workerThreads);
        }
        if (killAllReportAfter.isNegative() || killAllDeadline.isNegative()) {
            throw new IllegalArgumentException("kill-all durations must not be negative, were " + killAllReportAfter
                    + " and " + killAllDeadline);
        }
    }

    /**
     * Starts from the defaults: option on, global mode, 2 worker threads, no injection, kill-all
     * reports after 1 s and gives up after 30 s, prints go to the log.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Configures {@link MountOptions}. Not thread-safe. */
    public static final class Builder {
        private boolean refTracker = true;
        private RefTracking.Mode tracking;
        private int workerThreads = 2;
        private InjectionSite inject;
        private Duration killAllReportAfter = Duration.ofSeconds(1);
        private Duration killAllDeadline = Duration.ofSeconds(30);
        private Consumer<LeakReport> printSink = report -> LOG.log(System.Logger.Level.ERROR, report::toString);

        private Builder() {
        }

        /**
         * Sets the {@code ref_tracker} mount option.
         *
         * @param on whether nodes track their references
         * @return this builder
         */
        public Builder refTracker(boolean on) {
            this.refTracker = on;
            return this;
        }

        /**
         * Sets the tracking mode instead of the global one.
         *
         * @param mode the mode
         * @return this builder
         */
        public Builder tracking(RefTracking.Mode mode) {
            this.tracking = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Sets the async worker pool size; 0 queues the work for the caller to run.
         *
         * @param threads 0 or more
         * @return this builder
         */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /**
         * Arms an injection site (it fires once), or none.
         *
         * @param site the site, or {@code null}
         * @return this builder
         */
        public Builder inject(InjectionSite site) {
            this.inject = site;
            return this;
        }

        /**
         * Sets when kill-all first reports the nodes it cannot free.
         *
         * @param delay from the first pass that pinned nothing
         * @return this builder
         */
        public Builder killAllReportAfter(Duration delay) {
            this.killAllReportAfter = Objects.requireNonNull(delay, "delay");
            return this;
        }

        /**
         * Sets when kill-all gives up and throws {@link KillAllStuckException}.
         *
         * @param deadline from the first pass that pinned nothing
         * @return this builder
         */
        public Builder killAllDeadline(Duration deadline) {
            this.killAllDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        /**
         * Sets where kill-all's per-node reports go (default: the log).
         *
         * @param sink called on the kill-all thread
         * @return this builder
         */
        public Builder printSink(Consumer<LeakReport> sink) {
            this.printSink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Creates the options.
         *
         * @return the options
         */
        public MountOptions build() {
            return new MountOptions(refTracker, tracking != null ? tracking : RefTracking.mode(), workerThreads,
                    inject, killAllReportAfter, killAllDeadline, printSink);
        }
    }
}
