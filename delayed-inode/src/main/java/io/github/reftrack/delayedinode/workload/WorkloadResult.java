package io.github.reftrack.delayedinode.workload;

import io.github.reftrack.LeakReport;
import io.github.reftrack.delayedinode.SubvolRoot;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link Workload} run did and what its subvolume deletion found.
 *
 * <p>The result keeps the deleted subvolume, and so the delayed nodes kill-all could not free,
 * reachable, as the kernel keeps them in its index: while a caller holds the result, those nodes
 * and their tracker directories stay live for {@code reftrack dump} and the registry, instead of
 * being collected and reported as abandoned directories.
 *
 * <p>Immutable and thread-safe.
 *
 * @param operations        metadata operations performed by the traffic threads
 * @param elapsed           wall time of the whole run, traffic and teardown
 * @param nodesCreated      delayed nodes created during the run
 * @param killAllCompleted  whether {@code killAllDelayedNodes} emptied the subvolume's index
 * @param stuckInodes       inode numbers of the nodes kill-all could not free, ascending
 * @param stuckReports      the stuck nodes' tracker reports (empty when tracking is off)
 * @param refcountWarnings  {@code refcount_t} warnings raised during the run
 * @param subvolume         the deleted subvolume, whose index still holds the nodes kill-all could not free
 */
public record WorkloadResult(long operations, Duration elapsed, int nodesCreated, boolean killAllCompleted,
        List<Long> stuckInodes, List<LeakReport> stuckReports, long refcountWarnings, SubvolRoot subvolume) {

    /**
     * Validates and copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public WorkloadResult {
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(subvolume, "subvolume");
        stuckInodes = List.copyOf(stuckInodes);
        stuckReports = List.copyOf(stuckReports);
    }

    /**
     * Returns whether a reference leaked: kill-all did not complete or nodes were left.
     *
     * @return {@code true} if the run ended with stuck delayed nodes
     */
    public boolean leaked() {
        return !killAllCompleted || !stuckInodes.isEmpty();
    }
}
