package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spec naming an interface tracks every implementation ({@code example.generic.PooledApp}: two
 * unrelated implementations of {@code Pooled}, one with a subclass whose release calls its
 * superclass's).
 */
class InterfaceSpecIT {
    private static final String SPEC = "class=example.generic.Pooled,acquire=retain,release=release,birth=<init>";

    private static String pooled(String leakEvery) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent(SPEC)), Child.classpath(null), "example.generic.PooledApp",
                "9000", leakEvery);
    }

    @Test
    void plantedLeakIsReportedAtTheRetainLine_onEveryImplementation() throws Exception {
        String report = Child.exitReport(pooled("1000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "pooled at exit: 9 object(s) leaked 9 reference(s) at\n"
                + "  acquire site: 9000 taken, 8991 released\n"
                + "     example.generic.PooledApp.share(PooledApp.java:31)\n");
        assertThat(report).doesNotContain("still outstanding");
    }

    @Test
    void nothingIsReported_whenEveryReferenceIsReleased() throws Exception {
        String output = pooled("0");

        assertThat(output).contains("pooled 9000");
        SpecShapesIT.assertClean(output);
    }
}
