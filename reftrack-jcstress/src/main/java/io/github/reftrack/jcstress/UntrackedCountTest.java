package io.github.reftrack.jcstress;

import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The count of references without a tracker under concurrent updates: one thread takes and
 * releases a reference while the other releases one taken before the race. Every release is
 * balanced, so none may be reported as releasing more than was taken, whichever order the
 * updates land in and whichever thread owns the counter's base (the other updates a stripe); the
 * count ends at zero.
 *
 * <p>Result: the count at the end, underflows reported (misuse of kind
 * {@code UNTRACKED_UNDERFLOW}, 1 if any).
 */
@JCStressTest
@Outcome(id = "0, 0", expect = Expect.ACCEPTABLE, desc = "balanced: count 0, nothing reported")
@Outcome(expect = Expect.FORBIDDEN, desc = "a balanced release reported as an underflow, or the count is off")
@State
public class UntrackedCountTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final Observed.Events events = Observed.watch(dir);

    /** Takes the reference the second actor releases. */
    public UntrackedCountTest() {
        dir.allocUntracked();
    }

    /** Takes a reference and releases it. */
    @Actor
    public void takeAndRelease() {
        dir.allocUntracked();
        dir.freeUntracked();
    }

    /** Releases the reference taken before the race. */
    @Actor
    public void releaseEarlier() {
        dir.freeUntracked();
    }

    /**
     * Reads the count and what was reported.
     *
     * @param r the result
     */
    @Arbiter
    public void counted(II_Result r) {
        r.r1 = dir.stats().noTracker();
        r.r2 = events.misuse.contains(Misuse.Kind.UNTRACKED_UNDERFLOW) ? 1 : 0;
        dir.close();
        Observed.forget(dir);
    }
}
