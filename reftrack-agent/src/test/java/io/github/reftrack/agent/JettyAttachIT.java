package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code jetty} profile attached to a running JVM ({@code example.jetty.AttachedJettyApp}):
 * Jetty's classes are loaded and retransformed, the pool's buffers were made before tracking
 * started, and one buffer is in use with two references at the moment of the attach. Every pooled
 * buffer handed out afterwards starts a lifetime at the pool's {@code acquire()}, so the leaks
 * after the attach are named with their exact count, and the releases of references taken before
 * it are neither leaks nor misuse.
 */
class JettyAttachIT {
    private static final String APP = "example.jetty.AttachedJettyApp";
    private static final String FORGET = "example.jetty.JettyApp.forget(JettyApp.java:82)";

    @TempDir
    Path dir;

    private String attachedRun(String jdk, String kind, String leakEvery) throws Exception {
        Path java = jdk.equals("25") ? Child.JAVA_25 : Child.JAVA;
        List<String> jvmArgs = new ArrayList<>(List.of("-Djdk.attach.allowAttachSelf=true",
                "-Dreftrack.jsonLog=" + dir.resolve("events.json")));
        if (jdk.equals("25")) {
            // what a user of JDK 21+ passes to attach agents without the JDK's warning
            jvmArgs.add("-XX:+EnableDynamicAgentLoading");
        }
        return Child.run(java, jvmArgs, Child.classpath("jetty"), APP, kind, "20000", leakEvery,
                Child.AGENT.toString());
    }


    @ParameterizedTest
    @CsvSource({"17, pooled", "17, plain", "25, pooled"})
    void buffersDroppedAfterTheAttach_areFoundAtTheirLineWithTheirExactCount(String jdk, String kind)
            throws Exception {
        String output = attachedRun(jdk, kind, "5000");

        assertThat(output).contains("buffers 20000, forgotten 4");
        Reports.assertLeaksAt(Reports.events(dir.resolve("events.json")), "jetty_retainable", FORGET, 4);
        assertThat(output).doesNotContain("reference already released").doesNotContain("SEVERE: reftrack: misuse")
                .doesNotContain("Exception");
    }

    @ParameterizedTest
    @CsvSource({"17, pooled", "17, plain", "25, pooled", "25, plain"})
    void nothingIsReported_whenEveryBufferIsReleased_thoseInUseAtTheAttachToo(String jdk, String kind)
            throws Exception {
        String output = attachedRun(jdk, kind, "0");

        assertThat(output).contains("buffers 20000, forgotten 0 []");
        assertThat(Reports.events(dir.resolve("events.json"))).isEmpty();
        assertThat(output).doesNotContain("SEVERE").doesNotContain("WARNING").doesNotContain("already released");
        assertThat(Child.exitReport(output)).isEqualTo("reftrack-agent at exit: no leaks found by the GC\n"
                + "2 release(s) of references taken before tracking started (or on objects sampled out):"
                + " not misuse\n");
    }
}
