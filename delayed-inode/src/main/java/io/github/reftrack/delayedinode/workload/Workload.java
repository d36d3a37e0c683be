package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.InjectionSite;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Seeded, realistic delayed-inode metadata traffic on several threads, followed by the deletion
 * of the subvolume: dir-index inserts and deletes, inode updates, inode-ref deletions, readdir,
 * per-inode commits, transaction commits, evictions and async worker flushes; then every inode
 * is evicted and {@code killAllDelayedNodes} runs, bounded by a deadline. With an
 * {@linkplain Builder#inject(InjectionSite) injected} forgotten release, kill-all cannot finish;
 * the run then ends at the deadline and names the stuck nodes (and, with tracking on, the stack
 * that leaked).
 *
 * <pre>{@code
 * WorkloadResult result = Workload.builder()
 *         .threads(4).ops(20_000).seed(42)
 *         .tracking(RefTracking.Mode.FULL)
 *         .inject(InjectionSite.INSERT_DIR_INDEX_GET)
 *         .build().run();
 * result.stuckReports().forEach(System.out::println);
 * }</pre>
 *
 * <p>A workload object runs once at a time; {@link #run()} may be called again for a fresh run.
 */
public final class Workload {
    private final Settings settings;

    private Workload(Settings settings) {
        this.settings = settings;
    }

    /**
     * Starts configuring a workload: 4 threads, 10 000 operations, seed 1, tracking in the current
     * {@linkplain RefTracking#mode() global mode}, no injection, no progress output, kill-all
     * deadline 2 s.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the traffic, then deletes the subvolume and kills all its delayed nodes.
     *
     * @return what happened; never {@code null}
     * @throws InterruptedException if the calling thread is interrupted while waiting for the
     *                              traffic threads
     */
    public WorkloadResult run() throws InterruptedException {
        return new WorkloadRun(settings).run();
    }

    /** The settings of one workload, fixed at {@link Builder#build()}. */
    record Settings(int threads, long ops, long seed, RefTracking.Mode tracking, InjectionSite inject,
            Consumer<String> progress, Duration killAllDeadline) {
    }

    /**
     * Configures a {@link Workload}. Not thread-safe.
     */
    public static final class Builder {
        private int threads = 4;
        private long ops = 10_000;
        private long seed = 1;
        private RefTracking.Mode tracking;
        private InjectionSite inject;
        private Consumer<String> progress = line -> { };
        private Duration killAllDeadline = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * Sets how many threads generate traffic.
         *
         * @param threads 1 to 256
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder threads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("threads must be from 1 to 256, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Sets how many metadata operations the traffic threads perform in total.
         *
         * @param ops 0 or more
         * @return this builder
         * @throws IllegalArgumentException if negative
         */
        public Builder ops(long ops) {
            if (ops < 0) {
                throw new IllegalArgumentException("ops must be >= 0, was " + ops);
            }
            this.ops = ops;
            return this;
        }

        /**
         * Sets the seed of the traffic generator; equal seeds give equal per-thread operation
         * sequences (their interleaving still varies).
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets the tracking mode of the mounted filesystem; {@code OFF} also turns the
         * {@code refTracker} mount option off.
         *
         * @param mode the mode
         * @return this builder
         * @throws NullPointerException if {@code mode} is null
         */
        public Builder tracking(RefTracking.Mode mode) {
            this.tracking = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * Arms one injection site, or none.
         *
         * @param site the code path that will forget one release, or {@code null} for none
         * @return this builder
         */
        public Builder inject(InjectionSite site) {
            this.inject = site;
            return this;
        }

        /**
         * Sets where progress lines go (phase changes, counts, kill-all findings).
         *
         * @param progress a consumer called from the running thread
         * @return this builder
         * @throws NullPointerException if {@code progress} is null
         */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Sets how long kill-all may spin on stuck nodes before it gives up.
         *
         * @param deadline a positive duration
         * @return this builder
         * @throws IllegalArgumentException if not positive
         */
        public Builder killAllDeadline(Duration deadline) {
            if (Objects.requireNonNull(deadline, "deadline").isNegative() || deadline.isZero()) {
                throw new IllegalArgumentException("killAllDeadline must be positive, was " + deadline);
            }
            this.killAllDeadline = deadline;
            return this;
        }

        /**
         * Creates the workload.
         *
         * @return a workload with these settings
         */
        public Workload build() {
            RefTracking.Mode mode = tracking != null ? tracking : RefTracking.mode();
            return new Workload(new Settings(threads, ops, seed, mode, inject, progress, killAllDeadline));
        }

        /**
         * Builds the workload and runs it: {@code build().run()}.
         *
         * @return what happened
         * @throws InterruptedException if interrupted while waiting for the traffic threads
         */
        public WorkloadResult run() throws InterruptedException {
            return build().run();
        }
    }
}
