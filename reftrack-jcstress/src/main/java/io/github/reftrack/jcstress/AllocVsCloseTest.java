package io.github.reftrack.jcstress;

import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IZ_Result;

/**
 * A reference taken while the directory is closed. Either the alloc comes first (close reports
 * it as leaked) or the close does (nothing leaks; the late alloc is reported as misuse). Both, or
 * neither, would mean the two saw different orders, or a tracker fell through the gap.
 *
 * <p>Result: users in the leak report, whether alloc-after-close was reported.
 */
@JCStressTest
@Outcome(id = "1, false", expect = Expect.ACCEPTABLE, desc = "alloc, then close: the tracker is reported leaked")
@Outcome(id = "0, true", expect = Expect.ACCEPTABLE, desc = "close, then alloc: late alloc reported as misuse")
@Outcome(expect = Expect.FORBIDDEN, desc = "alloc and close disagree on their order")
@State
public class AllocVsCloseTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final Observed.Events events = Observed.watch(dir);

    /** Takes a reference. */
    @Actor
    public void alloc() {
        dir.alloc();
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
    public void reported(IZ_Result r) {
        r.r1 = events.leakedUsers();
        r.r2 = events.misuse.contains(Misuse.Kind.ALLOC_AFTER_CLOSE);
        Observed.forget(dir);
    }
}
