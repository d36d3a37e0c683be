package io.github.reftrack.jcstress;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A report taken while another thread takes a new reference and then releases an old one. The
 * report is a snapshot of one instant: it shows the old tracker, both, or the new one (never
 * none: one of them is live at every instant), its groups add up, and the directory ends with
 * exactly the new tracker live.
 *
 * <p>Result: users in the report (-1 if its groups do not add up), live count at the end,
 * trackers the final report shows. The arbiter then releases and closes, so nothing is left to
 * be reported as abandoned.
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = Expect.ACCEPTABLE, desc = "report before the alloc, or after the release")
@Outcome(id = "2, 1, 1", expect = Expect.ACCEPTABLE, desc = "report between the alloc and the release")
@Outcome(expect = Expect.FORBIDDEN, desc = "a torn snapshot or a lost tracker")
@State
public class AllocFreeVsReportTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final RefTracker old = dir.alloc();
    /** Written by the actor, read by the arbiter, which jcstress runs after it. */
    private RefTracker taken;

    /** Takes a new reference, then releases the old one. */
    @Actor
    public void allocThenFree() {
        taken = dir.alloc();
        dir.free(old);
    }

    /**
     * Reports the live trackers.
     *
     * @param r the result
     */
    @Actor
    public void report(III_Result r) {
        r.r1 = Reports.users(dir.report(16));
    }

    /**
     * Checks where the directory ended.
     *
     * @param r the result
     */
    @Arbiter
    public void after(III_Result r) {
        r.r2 = dir.liveCount();
        r.r3 = Reports.users(dir.report(16));
        dir.free(taken);
        dir.close();
    }
}
