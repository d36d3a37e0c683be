package io.github.reftrack.delayedinode;

import io.github.reftrack.LeakReport;
import java.util.List;

/**
 * How a bounded {@code killAllDelayedNodes} ended.
 *
 * @param completed      whether the subvolume's index emptied
 * @param passes         passes of the kill-all loop
 * @param livelockPasses passes that pinned nothing while nodes remained (the soft-lockup
 *                       signature)
 * @param stuckInodes    inode numbers still indexed at the end, ascending
 * @param stuckReports   the tracker reports of those nodes (empty with tracking off)
 */
public record KillAllResult(boolean completed, long passes, long livelockPasses, List<Long> stuckInodes,
        List<LeakReport> stuckReports) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException if a list is null
     */
    public KillAllResult {
        stuckInodes = List.copyOf(stuckInodes);
        stuckReports = List.copyOf(stuckReports);
    }

    /**
     * Returns whether kill-all was livelocked (ended with nodes it could not free).
     *
     * @return {@code true} if not {@link #completed()}
     */
    public boolean livelocked() {
        return !completed;
    }
}
