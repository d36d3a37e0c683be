package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class cache across JVMs: the second run of a Netty program transforms its classes without
 * Byte Buddy and reports exactly what the first did, in full and in sample mode.
 */
class ClassCacheIT {
    private static final String APP = "example.netty.PipelineApp";
    private static final String PUT = "example.netty.WriteBehindStore.put(WriteBehindStore.java:";
    /** Byte Buddy's type descriptions from class files and its class file writer: used only to transform. */
    private static final List<String> TRANSFORMING = List.of("shaded.bytebuddy.pool.TypePool$Default ",
            "shaded.bytebuddy.dynamic.scaffold.TypeWriter$Default ");

    @TempDir
    Path dir;

    private String run(String name, String mode) throws Exception {
        Path classes = dir.resolve(name + "-classes.txt");
        List<String> args = new ArrayList<>(List.of(Child.agent("netty"), "-Dreftrack.mode=" + mode,
                "-Dreftrack.cache=" + dir.resolve("cache"), "-Xlog:class+load:file=" + classes));
        String output = Child.run(Child.JAVA, args, Child.classpath("netty42"), APP, "pooled", "20480", "5000");
        String loaded = Files.readString(classes);
        assertThat(loaded).as("classes loaded by %s", name).contains("io.github.reftrack.agent.Hooks ");
        return (TRANSFORMING.stream().anyMatch(loaded::contains) ? "byte buddy\n" : "cache\n")
                + Child.exitReport(output);
    }

    @Test
    void secondJvmUsesTheCache_andReportsTheSameExactCounts() throws Exception {
        String cold = run("cold", "full");
        String warm = run("warm", "full");
        String sample = run("sample", "sample");

        assertThat(cold).startsWith("byte buddy\nreftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 20480 taken, 20476 released\n     " + PUT);
        assertThat(warm).isEqualTo(cold.replace("byte buddy\n", "cache\n"));
        assertThat(sample).startsWith("cache\n");
        try (Stream<Path> entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries.filter(p -> p.toString().endsWith(".class-cache")).count()).isGreaterThan(5);
        }
    }

    @Test
    void cacheOff_transformsEveryTime_andWritesNothing() throws Exception {
        Path off = dir.resolve("off-classes.txt");
        String output = Child.run(Child.JAVA, List.of(Child.agent("netty"), "-Dreftrack.cache=off",
                "-Xlog:class+load:file=" + off), Child.classpath("netty42"), APP, "pooled", "20480", "5000");

        assertThat(Child.exitReport(output)).contains("netty_bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 20480 taken, 20476 released\n     " + PUT);
        assertThat(Files.readString(off)).contains(TRANSFORMING.get(0));
        assertThat(dir.resolve("cache")).doesNotExist();
    }
}
