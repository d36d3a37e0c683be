package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report as data: validation, kernel text, JSON. */
class LeakReportTest {
    private static final StackTraceElement GET = new StackTraceElement("com.example.Pool", "get", "Pool.java", 10);
    private static final StackTraceElement NATIVE = new StackTraceElement("com.example.Io", "read", null, -2);
    private static final StackTraceElement HIDDEN = new StackTraceElement("com.example.Gen", "run", null, -1);

    @Test
    void textFollowsTheKernelShape() {
        LeakReport report = new LeakReport("pool", "pool@00000000c0ffee11", 5, 2, List.of(
                new LeakReport.Group(2, List.of(GET, NATIVE, HIDDEN), "0123456789abcdef", List.of("cache")),
                new LeakReport.Group(1, List.of(), "fedcba9876543210", List.of())));
        assertThat(report.toString()).isEqualTo(""
                + "pool@00000000c0ffee11 has 2/5 users at\n"
                + "  held by: cache\n"
                + "     com.example.Pool.get(Pool.java:10)\n"
                + "     com.example.Io.read(Native Method)\n"
                + "     com.example.Gen.run(Unknown Source)\n"
                + "\n"
                + "pool@00000000c0ffee11 has 1/5 users at\n"
                + "\n"
                + "pool@00000000c0ffee11 skipped reports about 2/5 users.\n");
    }

    @Test
    void manyHolders_showTheFirstFiveEscaped_andHowManyMore() {
        List<String> holders = List.of("/tmp/a", "/tmp/b\nLEAK: forged", "/tmp/c", "/tmp/d", "/tmp/e", "/tmp/f",
                "/tmp/g");
        LeakReport report = new LeakReport("file", "file", 7, 0, List.of(
                new LeakReport.Group(7, List.of(GET), "0123456789abcdef", holders)));

        assertThat(report.toString()).contains("\n  held by: /tmp/a, /tmp/b\\nLEAK: forged, /tmp/c, /tmp/d, /tmp/e,"
                + " +2 more\n     com.example.Pool.get(Pool.java:10)\n");
        assertThat(EventJson.read(EventJson.tagged(report))).isEqualTo(report);
    }

    @Test
    void jsonCarriesEveryFieldAndEscapesStrings() throws Exception {
        StackTraceElement odd = new StackTraceElement("com.example.Q\"uote", "m\\n", "F\u0001.java", 3);
        LeakReport report = new LeakReport("pool \"x\"", "pool@00000000c0ffee11", 3, 0, List.of(
                new LeakReport.Group(2, List.of(GET, odd), "0123456789abcdef", List.of("a\nb")),
                new LeakReport.Group(1, List.of(HIDDEN), "fedcba9876543210", List.of())));
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        assertThat(json.get("className").asText()).isEqualTo("pool \"x\"");
        assertThat(json.get("dirName").asText()).isEqualTo("pool@00000000c0ffee11");
        assertThat(json.get("totalUsers").asInt()).isEqualTo(3);
        assertThat(json.get("skippedUsers").asInt()).isZero();
        JsonNode first = json.get("groups").get(0);
        assertThat(first.get("users").asInt()).isEqualTo(2);
        assertThat(first.get("fingerprint").asText()).isEqualTo("0123456789abcdef");
        assertThat(first.get("holders").get(0).asText()).isEqualTo("a\nb");
        assertThat(first.get("frames").get(1).get("class").asText()).isEqualTo("com.example.Q\"uote");
        assertThat(first.get("frames").get(1).get("method").asText()).isEqualTo("m\\n");
        assertThat(first.get("frames").get(1).get("file").asText()).isEqualTo("F\u0001.java");
        assertThat(first.get("frames").get(1).get("line").asInt()).isEqualTo(3);
        assertThat(json.get("groups").get(1).get("frames").get(0).get("file").isNull()).isTrue();
        assertThat(report.toJson()).doesNotContain("\n");
    }

    @Test
    void inconsistentCountsAreRefused() {
        List<LeakReport.Group> groups = List.of(new LeakReport.Group(2, List.of(GET), "0123456789abcdef", List.of()));
        assertThatThrownBy(() -> new LeakReport("pool", "pool@1", 5, 2, groups))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 users in groups + 2 skipped != 5");
        assertThatThrownBy(() -> new LeakReport.Group(0, List.of(), "x", List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one user");
    }

    @Test
    void emptyReportRendersNothing() {
        LeakReport empty = new LeakReport("pool", "pool@1", 0, 0, List.of());
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.toString()).isEmpty();
        assertThat(empty.toJson()).isEqualTo(
                "{\"className\":\"pool\",\"dirName\":\"pool@1\",\"totalUsers\":0,\"skippedUsers\":0,\"groups\":[]}");
    }

    @Test
    void anExitSummaryHeadsEachGroupWithItsObjectsAndReferences() {
        LeakReport total = exitTotal(7, 1);

        assertThat(total.toString()).isEqualTo(""
                + "lease at exit: 7 object(s) leaked 7 reference(s) at\n"
                + "  acquire site: 20 taken, 13 released\n"
                + "     com.example.Pool.get(Pool.java:10)\n"
                + "\n"
                + "lease at exit: 7 object(s) leaked 14 reference(s) at\n"
                + "     com.example.Io.read(Native Method)\n"
                + "\n"
                + "lease at exit: releases were paired with references by inference (oldest)\n");
        assertThat(EventJson.read(total.toJson()).toString()).isEqualTo(total.toString());
    }

    @Test
    void objectsOnTwoStacksAreEstimatedOnce_notOncePerStack() {
        LeakReport sampled = exitTotal(3, 64);

        assertThat(sampled.estimatedObjects()).isEqualTo(192);
        assertThat(sampled.toString()).startsWith("lease at exit: 3 sampled object(s) leaked 3 reference(s) at\n")
                .endsWith("lease at exit: a sample, 1 object in 64 tracked at random: 3 sampled object(s), about 192"
                        + " in all\n");
    }

    @Test
    void aReportThatIsNotAnExitSummaryKeepsTheKernelHeader_withItsObjectCount() {
        LeakReport one = new LeakReport("lease", "lease@0000000000000001", 1, 0, List.of(new LeakReport.Group(1,
                CallStack.of(List.of(GET)), List.of(), null, null, 1, null)));

        assertThat(one.toString()).isEqualTo("lease@0000000000000001 has 1/1 users at\n  objects: 1\n"
                + "     com.example.Pool.get(Pool.java:10)\n\n");
    }

    /** Totals of {@code objects} objects that each leaked one reference on one stack and two on another. */
    private static LeakReport exitTotal(int objects, int sampleInterval) {
        return new LeakReport("lease", "lease" + LeakReport.EXIT_SUMMARY_SUFFIX, 3 * objects, 0, List.of(
                new LeakReport.Group(objects, CallStack.of(List.of(GET)), List.of(), null, null, objects,
                        new LeakReport.SiteBalance(20, 13)),
                new LeakReport.Group(2 * objects, CallStack.of(List.of(NATIVE)), List.of(), null, null, objects,
                        null)), 0, "oldest", sampleInterval);
    }
}
