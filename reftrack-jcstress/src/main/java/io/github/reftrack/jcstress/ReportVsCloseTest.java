package io.github.reftrack.jcstress;

import io.github.reftrack.RefTrackerDir;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A report racing the close of a directory with one leaked tracker. The report shows the tracker
 * (taken before the close) or nothing (after it); the close reports the leak exactly once
 * either way.
 *
 * <p>Result: users in the report, users in the leak report.
 */
@JCStressTest
@Outcome(id = "1, 1", expect = Expect.ACCEPTABLE, desc = "report before close")
@Outcome(id = "0, 1", expect = Expect.ACCEPTABLE, desc = "report after close")
@Outcome(expect = Expect.FORBIDDEN, desc = "leak lost, reported twice, or a torn report")
@State
public class ReportVsCloseTest {
    private final RefTrackerDir dir = Reports.newDirectory();
    private final Observed.Events events = Observed.watch(dir);

    /** Leaves one tracker live. */
    public ReportVsCloseTest() {
        dir.alloc();
    }

    /**
     * Reports the live trackers.
     *
     * @param r the result
     */
    @Actor
    public void report(II_Result r) {
        r.r1 = Reports.users(dir.report(16));
    }

    /** Closes the directory. */
    @Actor
    public void close() {
        dir.close();
    }

    /**
     * Reads the leak report.
     *
     * @param r the result
     */
    @Arbiter
    public void leaked(II_Result r) {
        r.r2 = events.leakedUsers();
        Observed.forget(dir);
    }
}
