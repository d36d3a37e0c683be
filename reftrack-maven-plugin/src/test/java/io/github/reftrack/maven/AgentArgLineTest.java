package io.github.reftrack.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;

/** The argLine prepare-agent sets, and the failOn parameter. */
class AgentArgLineTest {

    @Test
    void putsTheAgentInFrontOfAnExistingValue() {
        String line = AgentArgLine.build(Path.of("/m2/agent.jar"), "netty",
                List.of("class=a.Conn,acquire=open,release=close"), "full", Path.of("/p/target/reftrack"),
                Path.of("/p/reftrack-baseline.json"), "-javaagent:/m2/jacoco.jar=destfile=x -Xmx1g");

        assertThat(line).isEqualTo("-javaagent:/m2/agent.jar=netty,class=a.Conn,acquire=open,release=close"
                + " -Dreftrack.mode=full -Dreftrack.jsonLog=/p/target/reftrack/events-${surefire.forkNumber}.jsonl"
                + " -Dreftrack.reportAtExit=on -Dreftrack.baseline=/p/reftrack-baseline.json"
                + " -javaagent:/m2/jacoco.jar=destfile=x -Xmx1g");
    }

    @Test
    void quotesPathsWithBlanks() {
        String line = AgentArgLine.build(Path.of("/my repo/agent.jar"), "netty,lucene", List.of(), "sample",
                Path.of("/p q/target/reftrack"), null, null);

        assertThat(line).startsWith("\"-javaagent:/my repo/agent.jar=netty,lucene\" -Dreftrack.mode=sample"
                + " \"-Dreftrack.jsonLog=/p q/target/reftrack/events-");
        assertThat(line).endsWith("-Dreftrack.reportAtExit=on");
    }

    @Test
    void failOn_acceptsKindsAndNone_andRejectsOthers() throws MojoExecutionException {
        assertThat(CheckMojo.failKinds("leak, doubleRelease")).containsExactlyInAnyOrder(Finding.Kind.LEAK,
                Finding.Kind.DOUBLE_RELEASE);
        assertThat(CheckMojo.failKinds("none")).isEmpty();
        assertThatThrownBy(() -> CheckMojo.failKinds("leaks")).isInstanceOf(MojoExecutionException.class)
                .hasMessage("reftrack: failOn 'leaks' is not one of leak, doubleRelease, none");
    }
}
