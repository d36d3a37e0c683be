package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import java.util.List;

/**
 * {@code killAllDelayedNodes} gave up: some delayed nodes kept references nobody will release, so
 * they can never be freed (the kernel spins forever here: a CPU soft lockup). The message names
 * the stuck inode numbers and their reference counts; with tracking on, {@link #reports()} (also
 * in the message) show the stacks that took the references still held.
 */
public final class KillAllStuckException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final transient KillAllResult result;

    KillAllStuckException(String message, KillAllResult result) {
        super(message);
        this.result = result;
    }

    /**
     * Returns the inode numbers of the nodes that could not be freed.
     *
     * @return ascending inode numbers
     */
    public List<Long> stuckInodes() {
        return result.stuckInodes();
    }

    /**
     * Returns the stuck nodes' tracker reports (kernel shape, 16 groups at most each).
     *
     * @return the reports; empty when tracking was off
     */
    public List<LeakReport> reports() {
        return result.stuckReports();
    }

    /**
     * Returns the whole outcome: passes, livelock passes, stuck nodes.
     *
     * @return the result at the moment kill-all gave up
     */
    public KillAllResult result() {
        return result;
    }
}
