package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lifetimes created outside a birth, under contention: four threads share one object (from the
 * start, and attached while they run); releases in finalizers; an empty {@code hide=}.
 */
class SharedLifetimeIT {
    private static final String SHARED = "class=example.generic.Shared,acquire=acquire,release=release";
    private static final String LEASE = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";
    private static final String ROUNDS = "50000";

    @Test
    void fourThreadsSharingOneObjectWithoutBirth_reportNothing() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SHARED)), Child.classpath(null),
                "example.generic.SharedApp", ROUNDS);

        assertThat(output).contains("rounds 200000 count 1");
        Reports.assertNothingReported(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {SHARED, SHARED + ",birth=<init>"})
    void fourThreadsSharingOneObjectBornBeforeTheAttach_reportNothing(String spec) throws Exception {
        String output = Child.run(Child.JAVA, List.of("-Djdk.attach.allowAttachSelf=true"),
                Child.classpath(null), "example.generic.SharedApp", ROUNDS, "attach", Child.AGENT.toString(), spec);

        assertThat(output).contains("rounds 200000 count 1")
                .contains("; spec class=example.generic.Shared: 1 class, 1 loaded instrumented; attached: 1 loaded"
                        + " class(es) instrumented");
        Reports.assertNothingReported(output);
    }

    @Test
    void releasesInFinalizers_areNotLeaks() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(LEASE)), Child.classpath(null),
                "example.generic.FinalizeApp", "2000");

        assertThat(output).contains("finalized 4000 of 4000");
        Reports.assertNothingReported(output);
    }

    @Test
    void emptyHideHidesNothing_theReportIsTheOneWithoutIt() throws Exception {
        String plain = Child.run(Child.JAVA, List.of(Child.agent(LEASE)), Child.classpath(null),
                "example.generic.LeaseApp", "20000", "5000");
        String emptyHide = Child.run(Child.JAVA, List.of(Child.agent(LEASE + ",hide=")),
                Child.classpath(null), "example.generic.LeaseApp", "20000", "5000");

        assertThat(Child.exitReport(emptyHide)).isEqualTo(Child.exitReport(plain))
                .contains("lease at exit: 4 object(s) leaked 4 reference(s) at\n     example.generic.LeaseApp.main(")
                .doesNotContain("(birth)");
    }
}
