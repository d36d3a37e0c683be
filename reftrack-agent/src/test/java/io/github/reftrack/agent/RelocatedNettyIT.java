package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code netty} profile on gRPC's relocated Netty ({@code grpc-netty-shaded}), alone and beside
 * a plain Netty 4.2 in the same JVM ({@code example.netty.ShadedApp}: 20,000 pooled frames each).
 */
class RelocatedNettyIT {
    private static final String APP = "example.netty.ShadedApp";
    private static final String FRAMES = "20000";
    private static final String SHADED = "netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
            + "  acquire site: 20000 taken, 19996 released\n"
            + "     example.netty.ShadedApp.keepShaded(ShadedApp.java:39)\n";
    private static final String PLAIN = "netty_bytebuf at exit: 5 object(s) leaked 5 reference(s) at\n"
            + "  acquire site: 20000 taken, 19995 released\n"
            + "     example.netty.PlainFrames.keepPlain(PlainFrames.java:22)\n";

    private static String run(Path java, String profile, boolean withPlainNetty, String... leakEvery)
            throws Exception {
        String classpath = Child.classpath("grpc")
                + (withPlainNetty ? File.pathSeparator + Child.classpath("netty42") : "");
        String[] args = new String[leakEvery.length + 1];
        args[0] = FRAMES;
        System.arraycopy(leakEvery, 0, args, 1, leakEvery.length);
        List<String> jvmArgs = java.equals(Child.JAVA_25) ? List.of(Child.agent(profile), Child.UNSAFE_ALLOWED)
                : List.of(Child.agent(profile));
        return Child.run(java, jvmArgs, classpath, APP, args);
    }

    private static Path java(String jdk) {
        return jdk.equals("25") ? Child.JAVA_25 : Child.JAVA;
    }

    @ParameterizedTest
    @ValueSource(strings = {"netty", "netty=io.grpc.netty.shaded"})
    void plantedRetainLeakOfARelocatedNettyIsReportedAtItsLineWithItsExactCount(String profile) throws Exception {
        String report = Child.exitReport(run(Child.JAVA, profile, false, "5000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n" + SHADED);
        assertThat(report).doesNotContain("still outstanding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void twoCopiesOfNettyInOneJvmAreTrackedSeparately(String jdk) throws Exception {
        String report = Child.exitReport(run(java(jdk), "netty", true, "5000", "4000"));

        assertThat(report).startsWith("reftrack-agent at exit: 2 distinct leak(s) found by the GC\n")
                .contains(SHADED).contains(PLAIN).doesNotContain("still outstanding");
    }

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void nothingIsReported_whenEveryFrameOfEitherCopyIsReleased(String jdk) throws Exception {
        String output = run(java(jdk), "netty", true, "0", "0");

        assertThat(output).contains("frames " + FRAMES);
        SpecShapesIT.assertClean(output);
    }

    @Test
    void nettyEqualsPrefixTracksThatRelocationOnly() throws Exception {
        String report = Child.exitReport(run(Child.JAVA, "netty=io.grpc.netty.shaded", true, "5000", "4000"));

        assertThat(report).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n" + SHADED)
                .doesNotContain("PlainFrames");
    }
}
