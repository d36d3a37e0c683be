package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the agent starts: once per JVM, without warnings nobody asked for, with its start line
 * naming the capture backend and what each profile covers; and its exit report, as
 * {@code reftrack.reportAtExit} says and under {@code -XX:+DisableExplicitGC}.
 */
class AgentStartIT {
    private static final String LEASES = "example.generic.LeaseApp";
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";
    private static final String PIPELINE = "example.netty.PipelineApp";

    @Test
    void secondAgentOnTheCommandLineInstrumentsNothing_andTheLeakIsCountedOnce() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent(SPEC), Child.agent(SPEC + ",mode=sample")),
                Child.classpath(null), LEASES, "20000", "5000");

        assertThat(output.lines().filter(line -> line.contains("reftrack-agent is already loaded in this JVM"
                + " (profiles class=example.generic.Lease, mode full); this second load is ignored"))).hasSize(1);
        assertThat(output.split("reftrack-agent at exit:", -1)).hasSize(2);
        assertThat(output).doesNotContain("already released");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "lease at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "     example.generic.LeaseApp.main(LeaseApp.java:");
    }

    @Test
    void exitReportRuns_whenReportAtExitIsOnOrUnset_andNotWhenOff() throws Exception {
        String on = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.reportAtExit=on"),
                Child.classpath(null), LEASES, "100", "0");
        String off = Child.run(Child.JAVA, List.of(Child.agent(SPEC), "-Dreftrack.reportAtExit=off"),
                Child.classpath(null), LEASES, "100", "0");

        Reports.assertNothingReported(on);
        assertThat(off).contains("leases 100").doesNotContain("reftrack-agent at exit");
    }

    @Test
    void startBuildsNoRuntime_andLogsWithoutJavaUtilLogging_whenNoTrackedObjectIsBorn() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty"), "-Xlog:class+load"), Child.classpath(null),
                LEASES, "100", "0");

        assertThat(output).contains("\nreftrack-agent: tracking netty in full mode with java stack capture, pairing ")
                .contains("leases 100")
                .doesNotContain("io.github.reftrack.internal.engine.Engine ")
                .doesNotContain("io.github.reftrack.agent.AgentRuntime$")
                .doesNotContain("java.util.logging.LogManager ")
                .doesNotContain("java.util.regex.Pattern ");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @Test
    void startOnJdk25PrintsNoUnsafeWarning_andNamesTheCaptureBackend() throws Exception {
        assumeTrue(Files.isExecutable(Child.JAVA_25), "JDK 25 at " + Child.JAVA_25);
        String output = Child.run(Child.JAVA_25, List.of(Child.agent("netty")), Child.classpath("netty42"), PIPELINE,
                "pooled", "2048", "0");

        assertThat(output).doesNotContain("sun.misc.Unsafe").doesNotContain("WARNING")
                .contains("reftrack-agent: tracking netty in full mode with java stack capture, pairing ")
                .containsPattern("pairing [^;\n]+; profile netty: 2 classes\n");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @Test
    void leakJustBeforeExitIsStillALeak_whenExplicitGcIsDisabled() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty"), "-XX:+DisableExplicitGC"),
                Child.classpath("netty42"), PIPELINE, "pooled", "20480", "5000");

        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 20480 taken, 20476 released\n"
                + "     example.netty.WriteBehindStore.put(WriteBehindStore.java:").doesNotContain("still outstanding");
    }
}
