package io.github.reftrack.absent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.ChildJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code -Dreftrack.context} in a JVM of its own (the property is read once), with reftrack-core
 * on the module path, the test classes on the class path and neither SLF4J nor OpenTelemetry:
 * a {@link java.util.ServiceLoader} provider is found by name, and a source whose library is
 * missing says so once and gives no tag.
 */
class ContextSourcesTest {
    private static String run(String context) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Dreftrack.context=" + context));
        arguments.addAll(ChildJvm.onModulePath());
        arguments.add(ContextMain.class.getName());
        return ChildJvm.run(arguments, 60);
    }

    @Test
    void aServiceLoaderProviderIsSelectedByName() throws Exception {
        String output = run("fixed");

        assertThat(output).contains("  taken during: fixed-tag (2)\n").doesNotContain("WARNING");
    }

    @Test
    void aSourceWhoseLibraryIsMissingSaysSoOnce_andTheNextSourceIsAsked() throws Exception {
        String output = run("mdc:requestId,trace,fixed");

        assertThat(output).contains("context source mdc:requestId: org.slf4j.MDC is not on the class path, so"
                + " references get no tag from it", "context source trace: io.opentelemetry.api.trace.Span is not"
                + " on the class path", "  taken during: fixed-tag (2)\n");
        assertThat(output.split("not on the class path", -1)).hasSize(3);
    }
}
