package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code closeable} profile on the streams of {@code java.nio.file.Files}: each unclosed
 * {@code lines}, {@code newDirectoryStream}, {@code list} and {@code walk} stream is one leak at the
 * user's line, named by its file or directory (a name with a line break forges no line), never
 * counted twice (a {@code list} is not also its directory stream, a {@code walk} not also the
 * directories it opened); a correct program reports nothing of any kind, on JDK 17 and 25.
 */
class CloseableStreamsIT {
    private static final String APP = "example.closeable.StreamsApp";
    private static final String AT = "example.closeable.StreamsApp.";

    @Test
    void streamsLeft_areOneLeakEachAtTheirLine_namedByTheirFile(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable"), "-Dreftrack.jsonLog=" + json),
                Child.classpath(null), APP, "leak", "300");

        assertThat(leaksByPlace(json)).isEqualTo(expectedLeaks());
        assertThat(names(json, "lines(StreamsApp.java:74) main(StreamsApp.java:51)"))
                .allMatch(name -> name.matches(".*/data-[0-2]\\.txt")).hasSize(3);
        assertThat(names(json, "directory(StreamsApp.java:83) main(StreamsApp.java:54)"))
                .allMatch(name -> name.matches(".*/reftrack-streams[0-9]+(/a/b)?")).hasSize(2);
        assertThat(names(json, "walk(StreamsApp.java:91) main(StreamsApp.java:57)"))
                .singleElement().matches(name -> name.matches(".*/reftrack-streams[0-9]+"));
        assertThat(output).contains("forged\\nLEAK: not a report").doesNotContain("\nLEAK: not a report")
                .doesNotContain("reference already released");
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 5 distinct leak(s) found by the GC\n")
                .containsPattern("file_channel at exit: 3 object\\(s\\) leaked 3 reference\\(s\\) at\n"
                        + "  held by: \\S+/data-[0-2]\\.txt, \\S+/data-[0-2]\\.txt, \\S+/data-[0-2]\\.txt\n")
                .containsPattern("file_channel at exit: 1 object\\(s\\) leaked 1 reference\\(s\\) at\n"
                        + "  held by: \\S+/forged\\\\nLEAK: not a report\n")
                .contains("directory_stream at exit: 2 object(s) leaked 2 reference(s) at\n  held by: ")
                .contains("file_tree_walk at exit: 1 object(s) leaked 1 reference(s) at\n  held by: ")
                .doesNotContain("still outstanding");
    }

    @Test
    void streamsLeft_areOneLeakEachAtTheirLine_onJdk25(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA_25, List.of(Child.agent("closeable"), "-Dreftrack.jsonLog=" + json),
                Child.classpath(null), APP, "leak", "100");

        assertThat(leaksByPlace(json)).isEqualTo(expectedLeaks());
        assertThat(output).doesNotContain("reference already released").doesNotContain("\nLEAK: not a report");
    }

    @ParameterizedTest
    @CsvSource({"17, 1000", "25, 300"})
    void streamsClosedEveryUsualWay_reportNothing(String jdk, String rounds, @TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(jdk.equals("25") ? Child.JAVA_25 : Child.JAVA,
                List.of(Child.agent("closeable,holdThreshold=1s"), "-Dreftrack.jsonLog=" + json),
                Child.classpath(null), APP, "clean", rounds);

        assertThat(output).contains("done " + rounds);
        assertThat(Reports.events(json)).isEmpty();
        Reports.assertNothingReported(output);
    }

    @Test
    void openStreamsAtExit_areListedByStack_withAFewNamesAndHowManyMore() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable")), Child.classpath(null), APP,
                "hold", "10");

        String report = Child.exitReport(output);
        assertThat(report).startsWith("reftrack-agent at exit: no leaks found by the GC\n")
                .containsPattern("directory_stream has 7/7 users at\n  held by: (\\S+/held-[0-6], ){5}\\+2 more\n"
                        + "  objects: 7\n")
                .contains("     " + AT + "directory(StreamsApp.java:83)\n     " + AT + "main(StreamsApp.java:67)\n");
    }

    /** Each leaked object by class and its two top frames, counted; the exit totals left out. */
    private static Map<String, Integer> leaksByPlace(Path json) throws Exception {
        Map<String, Integer> places = new TreeMap<>();
        for (RefTrackerEvent event : Reports.events(json)) {
            LeakReport leak = (LeakReport) event;
            if (!leak.dirName().endsWith(" at exit")) {
                assertThat(leak.groups()).hasSize(1);
                places.merge(leak.className() + " " + place(leak.groups().get(0)), 1, Integer::sum);
            }
        }
        return places;
    }

    private static Map<String, Integer> expectedLeaks() {
        return new TreeMap<>(Map.of(
                "file_channel lines(StreamsApp.java:74) main(StreamsApp.java:51)", 3,
                "file_channel readToEnd(StreamsApp.java:79) main(StreamsApp.java:62)", 1,
                "directory_stream directory(StreamsApp.java:83) main(StreamsApp.java:54)", 2,
                "directory_stream list(StreamsApp.java:87) main(StreamsApp.java:56)", 1,
                "file_tree_walk walk(StreamsApp.java:91) main(StreamsApp.java:57)", 1));
    }

    private static String place(LeakReport.Group group) {
        return group.frames().get(0).toString().replace(AT, "") + " "
                + group.frames().get(1).toString().replace(AT, "");
    }

    private static List<String> names(Path json, String place) throws Exception {
        List<String> names = new ArrayList<>();
        for (RefTrackerEvent event : Reports.events(json)) {
            LeakReport leak = (LeakReport) event;
            if (!leak.dirName().endsWith(" at exit") && place(leak.groups().get(0)).equals(place)) {
                names.addAll(leak.groups().get(0).holders());
            }
        }
        return names;
    }

}
