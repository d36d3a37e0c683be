package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generic specs on the shapes real libraries have ({@code example.generic.ShapesApp}): methods
 * that delegate to their other arity on the same object (Apache Arrow), objects born with no
 * reference (Jetty 12's pooled buffers), a named class whose methods are inherited, an abstract
 * base implemented in a subclass. Each is clean when the program is, and names the planted leak
 * at its line with its exact count.
 */
class SpecShapesIT {
    private static final String APP = "example.generic.ShapesApp";
    private static final String OBJECTS = "8000";

    private static String shapes(String spec, String shape, String leakEvery) throws Exception {
        return Child.run(Child.JAVA, List.of(Child.agent(spec)), Child.classpath(null), APP, shape, OBJECTS,
                leakEvery);
    }

    /** Asserts a clean run: no report of any kind, and an exit report that found nothing. */
    static void assertClean(String output) {
        assertThat(output).as("child output")
                .doesNotContain("SEVERE").doesNotContain("WARNING")
                .doesNotContain("already released").doesNotContain("Byte Buddy").doesNotContain("matched no");
        assertThat(Child.exitReport(output)).as("child output:%n%s", output)
                .isEqualTo("reftrack-agent at exit: no leaks found by the GC\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "class=example.generic.ArrowLikeBuf,acquire=retain()|retain(int),release=release()|release(int),"
            + "birth=<init>; arrow",
        "class=example.generic.ArrowLikeBuf,acquire=retain,release=release,birth=<init>; arrow",
        "class=example.generic.ZeroStartChunk,acquire=acquire,release=release,birth=<init>:0; zero",
        "class=example.generic.SubLease,acquire=borrow,release=giveBack,birth=<init>; sub",
        "class=example.generic.Handle,acquire=acquire,release=release,birth=<init>; abstract"})
    void nothingIsReported_whenEveryReferenceIsReleased(String spec, String shape) throws Exception {
        String output = shapes(spec, shape, "0");

        assertThat(output).contains(shape + " " + OBJECTS);
        assertClean(output);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "class=example.generic.ArrowLikeBuf,acquire=retain()|retain(int),release=release()|release(int),"
            + "birth=<init>; arrow; arrowlikebuf; shareArrow(ShapesApp.java:51); 4004",
        "class=example.generic.ArrowLikeBuf,acquire=retain,release=release,birth=<init>; arrow; arrowlikebuf;"
            + " shareArrow(ShapesApp.java:51); 4004",
        "class=example.generic.ZeroStartChunk,acquire=acquire,release=release,birth=<init>:0; zero; zerostartchunk;"
            + " shareChunk(ShapesApp.java:69); 8000",
        "class=example.generic.SubLease,acquire=borrow,release=giveBack,birth=<init>; sub; sublease;"
            + " shareSub(ShapesApp.java:92); 8000",
        "class=example.generic.Handle,acquire=acquire,release=release,birth=<init>; abstract; handle;"
            + " shareHandle(ShapesApp.java:105); 8000"})
    void plantedLeakIsReportedAtItsLineWithItsExactCount(String spec, String shape, String dir, String line,
            int taken) throws Exception {
        String output = shapes(spec, shape, "2000");

        assertThat(output).as("child output")
                .doesNotContain("already released").doesNotContain("Byte Buddy");
        assertThat(Child.exitReport(output)).as("child output:%n%s", output)
                .startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + dir + " at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: " + taken + " taken, " + (taken - 4) + " released\n"
                + "     example.generic.ShapesApp." + line + "\n");
    }

    /**
     * A generic spec on Netty's buffer class, as for a relocated Netty: the composite family
     * overrides {@code retain()} with a call to {@code super.retain()}. No Byte Buddy error, each
     * reference counted once.
     */
    @Test
    void genericSpecOnNettyComposites_isCleanWithoutByteBuddyErrors() throws Exception {
        assertClean(composites("0"));
    }

    @Test
    void genericSpecOnNettyComposites_reportsThePlantedLeakAtItsLine() throws Exception {
        String output = composites("2000");

        assertThat(output).as("child output")
                .doesNotContain("already released").doesNotContain("Byte Buddy");
        assertThat(Child.exitReport(output)).as("child output:%n%s", output)
                .startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "bytebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 8000 taken, 7996 released\n"
                + "     example.netty.GenericCompositeApp.share(GenericCompositeApp.java:48)\n");
    }

    private static String composites(String leakEvery) throws Exception {
        String spec = "class=io.netty.buffer.AbstractReferenceCountedByteBuf,acquire=retain,release=release,"
                + "birth=<init>,name=bytebuf,hide=io.netty.";
        return Child.run(Child.JAVA, List.of(Child.agent(spec), "-Dio.netty.leakDetection.level=disabled"),
                Child.classpath("netty42"), "example.netty.GenericCompositeApp", OBJECTS, leakEvery);
    }

    /** Attached after start: the side-table advice counts only the outermost call too. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "2000"})
    void arrowDelegationCountsOnce_whenTheAgentIsAttached(String leakEvery) throws Exception {
        String expected = leakEvery.equals("0") ? "no leaks found by the GC\n" : "1 distinct leak(s) found by the GC\n"
                + "arrowlikebuf at exit: 4 object(s) leaked 4 reference(s) at\n"
                + "  acquire site: 4004 taken, 4000 released\n"
                + "     example.generic.ShapesApp.shareArrow(ShapesApp.java:51)\n";
        String spec = "class=example.generic.ArrowLikeBuf,acquire=retain()|retain(int),release=release()|release(int),"
                + "birth=<init>";
        String output = Child.run(Child.JAVA, List.of("-Djdk.attach.allowAttachSelf=true"), Child.classpath(null),
                "example.generic.AttachedShapesApp", Child.AGENT.toString(), spec, "arrow", OBJECTS, leakEvery);

        assertThat(output).as("child output").doesNotContain("already released").doesNotContain("Byte Buddy")
                .doesNotContain("before tracking started").doesNotContain("still outstanding");
        assertThat(Child.exitReport(output)).as("child output:%n%s", output)
                .startsWith("reftrack-agent at exit: " + expected);
    }
}
