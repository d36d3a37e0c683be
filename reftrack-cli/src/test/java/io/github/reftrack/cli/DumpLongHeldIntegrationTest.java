package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code reftrack dump} counts the references reported as held past their hold threshold. */
class DumpLongHeldIntegrationTest {

    @Test
    void summaryLineCountsLongHeldReferences() throws Exception {
        try (ChildJvm child = ChildJvm.start(HoldingPastThreshold.class, "-Dreftrack.mode=full")) {
            Cli.Result result = child.dump();

            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
            assertThat(result.out()).startsWith("# JVM " + child.pid() + " (" + HoldingPastThreshold.class.getName()
                    + "): 1 live reference in 1 directory; default mode FULL; 1 reference held past its hold"
                    + " threshold (reported)\n");
        }
    }
}
