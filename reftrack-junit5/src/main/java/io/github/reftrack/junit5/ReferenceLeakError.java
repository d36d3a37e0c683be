package io.github.reftrack.junit5;

import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LostReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The failure of a leak-checked test: references it left behind, released twice or lost. The
 * message names the test and shows every report in the kernel's shape, so the stacks that took
 * the leaked references are in the test output:
 *
 * <pre>
 * leak check failed for leaks() [[engine:junit-jupiter]/[class:...]/[method:leaks()]]:
 * 1 directory with references left behind (after a grace period of 300 ms)
 *
 * connection@000000001b2c3d4e has 1/1 users at
 *      com.example.PoolTest.leaks(PoolTest.java:42)
 *      ...
 * </pre>
 *
 * <p>Stacks in the message end at the test method: the test engine's frames below it (JUnit,
 * reflection) are left out. The reports and events returned by the accessors keep them.
 *
 * <p>An {@link AssertionError}, so test reports count it as a failure, not an error. When the
 * test had already failed, this error is attached to that failure as suppressed instead of
 * replacing it. The lists are kept for programmatic use and are not serialized.
 */
public final class ReferenceLeakError extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient List<LeakReport> leaks;
    private final transient List<DoubleRelease> doubleReleases;
    private final transient List<LostReference> lostReferences;

    ReferenceLeakError(String testName, Duration gracePeriod, List<LeakReport> leaks, List<LeakReport> born,
            List<String> notes, List<DoubleRelease> doubleReleases, List<LostReference> lostReferences) {
        super(message(testName, gracePeriod, leaks, born, notes, doubleReleases, lostReferences));
        List<LeakReport> all = new ArrayList<>(leaks);
        all.addAll(born);
        this.leaks = List.copyOf(all);
        this.doubleReleases = List.copyOf(doubleReleases);
        this.lostReferences = List.copyOf(lostReferences);
    }

    /**
     * Returns the directories whose references the test left behind: those still above their
     * baseline when the check ran, those closed during the test with live references, then the
     * objects tracked by the reftrack agent that were born in the test and still hold references
     * (one report per set of stacks, named {@code <class> born in <test>}).
     *
     * @return one report per directory; empty if the test only released twice or lost references.
     *         {@code null} after deserialization.
     */
    public List<LeakReport> leaks() {
        return leaks;
    }

    /**
     * Returns the double releases that happened while the test ran.
     *
     * @return the events in the order they were detected; {@code null} after deserialization
     */
    public List<DoubleRelease> doubleReleases() {
        return doubleReleases;
    }

    /**
     * Returns the references found unreachable while live during the test (only directories with
     * lost-reference detection report these).
     *
     * @return the events in the order they were detected; {@code null} after deserialization
     */
    public List<LostReference> lostReferences() {
        return lostReferences;
    }

    private static String message(String testName, Duration gracePeriod, List<LeakReport> leaks,
            List<LeakReport> born, List<String> notes, List<DoubleRelease> doubleReleases,
            List<LostReference> lostReferences) {
        StringBuilder out = new StringBuilder(1024).append("leak check failed for ").append(testName).append(':');
        if (!leaks.isEmpty()) {
            out.append('\n').append(count(leaks.size(), "directory", "directories"))
                    .append(" with references left behind (after a grace period of ")
                    .append(gracePeriod.toMillis()).append(" ms)");
        }
        if (!born.isEmpty()) {
            int objects = born.stream().mapToInt(r -> r.groups().get(0).objects()).sum();
            out.append('\n').append(count(objects, "object", "objects"))
                    .append(" born here still holding references (after a grace period of ")
                    .append(gracePeriod.toMillis()).append(" ms)");
        }
        if (!doubleReleases.isEmpty()) {
            out.append('\n').append(count(doubleReleases.size(), "double release", "double releases"));
        }
        if (!lostReferences.isEmpty()) {
            out.append('\n').append(count(lostReferences.size(), "lost reference", "lost references"));
        }
        out.append("\n\n");
        for (String note : notes) {
            out.append(note).append('\n');
        }
        if (!notes.isEmpty()) {
            out.append('\n');
        }
        for (LeakReport leak : leaks) {
            out.append(EngineFrames.trim(leak));
        }
        for (LeakReport leak : born) {
            out.append(EngineFrames.trim(leak));
        }
        for (DoubleRelease event : doubleReleases) {
            out.append(EngineFrames.trim(event)).append('\n');
        }
        for (LostReference event : lostReferences) {
            out.append(EngineFrames.trim(event)).append('\n');
        }
        return out.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
