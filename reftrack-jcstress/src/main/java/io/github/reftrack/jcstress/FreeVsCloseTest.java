package io.github.reftrack.jcstress;

import io.github.reftrack.Misuse;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZIZ_Result;

/**
 * The last reference released while the directory is closed. Either the release comes first
 * (nothing leaks, no misuse) or the close does (the tracker is reported as leaked once, and the
 * late release is reported as misuse). A leak without the misuse, or the misuse without the
 * leak, would mean close and free saw different orders.
 *
 * <p>Result: free's return value, users in the leak report, whether free-after-close was
 * reported.
 */
@JCStressTest
@Outcome(id = "true, 0, false", expect = Expect.ACCEPTABLE, desc = "free, then close: nothing leaked")
@Outcome(id = "true, 1, true", expect = Expect.ACCEPTABLE, desc = "close, then free: leak reported, late free"
        + " reported as misuse")
@Outcome(expect = Expect.FORBIDDEN, desc = "close and free disagree on their order")
@State
public class FreeVsCloseTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final Observed.Events events = Observed.watch(dir);
    private final RefTracker tracker = dir.alloc();

    /**
     * Releases the reference.
     *
     * @param r the result
     */
    @Actor
    public void free(ZIZ_Result r) {
        r.r1 = dir.free(tracker);
    }

    /** Closes the directory. */
    @Actor
    public void close() {
        dir.close();
    }

    /**
     * Reads what was reported.
     *
     * @param r the result
     */
    @Arbiter
    public void reported(ZIZ_Result r) {
        r.r2 = events.leakedUsers();
        r.r3 = events.misuse.contains(Misuse.Kind.FREE_AFTER_CLOSE);
        Observed.forget(dir);
    }
}
