package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generic specs on a class of the test's own ({@code example.generic.Lease}), and bad specs. */
class GenericSpecIT {
    private static final String APP = "example.generic.LeaseApp";
    private static final String SPEC = "class=example.generic.Lease,acquire=borrow,release=giveBack,birth=<init>";

    private static String leases(String agentOptions, String leakEvery) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent(agentOptions)), Child.classpath(null), APP, "20000",
                leakEvery);
    }

    @Test
    void forgottenGiveBackIsReportedAtTheBorrowLine_whenTheSpecNamesTheClass() throws Exception {
        String report = Child.exitReport(leases(SPEC, "5000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "lease at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "     example.generic.LeaseApp.main(LeaseApp.java:");
    }

    @Test
    void specIsReadFromAFile_whenGivenWithAnAt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("profiles.conf");
        Files.writeString(file, "# the application's own pool\n" + SPEC + ",name=app_lease\n");

        String report = Child.exitReport(leases("@" + file, "5000"));

        assertThat(report).contains("app_lease at exit: 4 object(s) leaked 4 reference(s) at");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "class=example.generic.Nope,acquire=borrow,release=giveBack; no such class on the class path",
        "class=example.generic.Lease,acquire=take,release=giveBack; no method take() or take(int)",
        "class=example..Lease,acquire=borrow,release=giveBack; class= must be a fully qualified class name",
        "class=example.generic.Lease,release=giveBack; acquire= and release= must each name at least one method",
        "nettyy; unknown profile 'nettyy'",
        "class=java.util.concurrent.Semaphore,acquire=acquire,release=release; bootstrap classes are not supported",
        "class=example.generic.Tickets,acquire=open,release=close; acquire methods must be instance methods",
        "class=example.generic.Lease,acquire=<init>,release=giveBack; <init> cannot be acquire=",
        "@/no/such/profiles.conf; cannot read profile file '/no/such/profiles.conf'"})
    void badSpecGetsOneClearMessageAndTheApplicationStillRuns(String spec, String message) throws Exception {
        String output = leases(spec, "5000");

        assertThat(output).contains("started").contains("leases 20000");
        assertThat(output.lines().filter(line -> line.contains("reftrack-agent: ")).toList())
                .singleElement().asString().contains(message);
    }

    @Test
    void profileFileThatIncludesItselfGetsOneWarning_andTheApplicationStarts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("self.conf");
        Files.writeString(file, SPEC + "\n@" + file + "\n");

        String output = leases("@" + file, "5000");

        assertThat(output.lines().filter(line -> line.startsWith("WARNING: reftrack-agent: ")).toList())
                .singleElement().asString().contains("includes itself (" + file.toRealPath() + " -> ");
        assertThat(Child.exitReport(output)).contains("lease at exit: 4 object(s) leaked 4 reference(s) at");
    }

    @Test
    void specsAndProfilesThatMatchedNoLoadedClassSaySoAtExit() throws Exception {
        String output = leases(SPEC + ",netty,class=example.generic.Handle,acquire=acquire,release=release", "0");

        assertThat(output).contains("reftrack-agent: profile netty matched no loaded class (looked for"
                + " io.netty.buffer.AbstractReferenceCountedByteBuf, io.netty.util.AbstractReferenceCounted, under any"
                + " package prefix)")
                .contains("reftrack-agent: spec class=example.generic.Handle matched no loaded class (looked for"
                + " example.generic.Handle and subclasses)")
                .doesNotContain("class=example.generic.Lease matched");
    }
}
