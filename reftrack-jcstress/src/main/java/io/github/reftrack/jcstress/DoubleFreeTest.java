package io.github.reftrack.jcstress;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

/**
 * Two threads release the same tracker at once. Exactly one release wins, the other is reported
 * as a double release, once, and the directory counts nothing live afterwards.
 *
 * <p>Result: each free's return value, double releases reported (-1 if anything is still counted
 * live at the end).
 */
@JCStressTest
@Outcome(id = "true, false, 1", expect = Expect.ACCEPTABLE, desc = "first actor released, second reported")
@Outcome(id = "false, true, 1", expect = Expect.ACCEPTABLE, desc = "second actor released, first reported")
@Outcome(expect = Expect.FORBIDDEN, desc = "released twice, or the double release went unreported")
@State
public class DoubleFreeTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final Observed.Events events = Observed.watch(dir);
    private final RefTracker tracker = dir.alloc();

    /**
     * Releases the tracker.
     *
     * @param r the result
     */
    @Actor
    public void free1(ZZI_Result r) {
        r.r1 = dir.free(tracker);
    }

    /**
     * Releases the same tracker.
     *
     * @param r the result
     */
    @Actor
    public void free2(ZZI_Result r) {
        r.r2 = dir.free(tracker);
    }

    /**
     * Reads what was reported.
     *
     * @param r the result
     */
    @Arbiter
    public void reported(ZZI_Result r) {
        r.r3 = dir.liveCount() == 0 ? events.doubleReleases.get() : -1;
        dir.close();
        Observed.forget(dir);
    }
}
