package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.RefTrackerEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code closeable} profile on the JDK's own classes: unclosed streams collected by the GC are
 * reported at the line that opened them with their exact count, a socket held past the threshold
 * is one {@code LongHeld}, and a correct program (try-with-resources, double close, the JDK's own
 * jar files) reports nothing of any kind.
 */
class CloseableIT {
    private static final String APP = "example.closeable.FilesApp";
    private static final String OPENED_AT = "example.closeable.FilesApp.open(FilesApp.java:56)";
    private static final String CALLED_AT = "example.closeable.FilesApp.main(FilesApp.java:39)";

    @ParameterizedTest
    @ValueSource(strings = {"17", "25"})
    void threeStreamsLeakedAmongTenThousand_areReportedAtTheOpeningLineWithCount3(String jdk, @TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(jdk.equals("25") ? Child.JAVA_25 : Child.JAVA,
                List.of(Child.agent("closeable"), "-Dreftrack.jsonLog=" + json), Child.classpath(null), APP, "10000",
                "3333");

        List<RefTrackerEvent> events = Reports.events(json);
        int perObject = 0;
        for (RefTrackerEvent event : events) {
            LeakReport leak = (LeakReport) event;
            assertThat(leak.className()).isEqualTo("file_input_stream");
            assertThat(leak.groups()).singleElement().satisfies(group -> assertThat(group.frames().subList(0, 2))
                    .map(StackTraceElement::toString).containsExactly(OPENED_AT, CALLED_AT));
            if (leak.dirName().endsWith(" at exit")) {
                assertThat(leak.groups().get(0).objects()).isEqualTo(3);
            } else {
                perObject += leak.groups().get(0).objects();
            }
        }
        assertThat(perObject).isEqualTo(3);
        assertThat(events).filteredOn(e -> ((LeakReport) e).dirName().endsWith(" at exit")).singleElement()
                .satisfies(e -> assertThat(((LeakReport) e).pairing()).isNull());
        assertThat(Child.exitReport(output)).startsWith("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "file_input_stream at exit: 3 object(s) leaked 3 reference(s) at\n  held by: /")
                .containsPattern("held by: \\S+/reftrack-files[0-9]+\\.txt\n     " + Pattern.quote(OPENED_AT)
                        + "\n     " + Pattern.quote(CALLED_AT))
                .doesNotContain("by inference")
                .doesNotContain("still outstanding");
        assertThat(output).doesNotContain("reference already released").doesNotContain("Exception");
    }

    @Test
    void socketHeldPastOneSecond_isExactlyOneLongHeld(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable,holdThreshold=1s"),
                "-Dreftrack.jsonLog=" + json), Child.classpath(null), "example.closeable.SocketHoldApp",
                json.toString());

        assertThat(output).contains("mxbean longHeld 1");
        List<RefTrackerEvent> events = Reports.events(json);
        assertThat(events).singleElement().isInstanceOf(LongHeld.class);
        LongHeld held = (LongHeld) events.get(0);
        assertThat(held.className()).isEqualTo("socket");
        assertThat(held.age()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(held.acquisition().frames().get(0).toString())
                .isEqualTo("example.closeable.SocketHoldApp.connect(SocketHoldApp.java:51)");
        Reports.assertNothingReported(output.replace(held.toString(), ""));
    }

    @Test
    void socketHeldPastOneSecond_isExactlyOneLongHeld_onJdk25(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA_25, List.of(Child.agent("closeable,holdThreshold=1s"),
                "-Dreftrack.jsonLog=" + json), Child.classpath(null), "example.closeable.SocketHoldApp",
                json.toString());

        assertThat(output).contains("mxbean longHeld 1");
        assertThat(Reports.events(json)).singleElement().isInstanceOf(LongHeld.class)
                .extracting(e -> ((LongHeld) e).acquisition().frames().get(0).toString())
                .isEqualTo("example.closeable.SocketHoldApp.connect(SocketHoldApp.java:51)");
    }

    @Test
    void socketHeldPastOneSecond_isOneLongHeld_withAFlightRecordingStartedAtLaunch(@TempDir Path dir)
            throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable,holdThreshold=1s"),
                "-XX:StartFlightRecording=filename=" + dir.resolve("events.jfr"), "-Dreftrack.jsonLog=" + json),
                Child.classpath(null), "example.closeable.SocketHoldApp", json.toString());

        assertThat(output).contains("mxbean longHeld 1");
        assertThat(Reports.events(json)).singleElement().isInstanceOf(LongHeld.class);
    }

    @Test
    void cleanProgram_reportsNothing_withTheJdksOwnJarFilesOpenPastTheThreshold(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable,holdThreshold=1s"),
                "-Dreftrack.jsonLog=" + json), Child.classpath("netty41"), APP, "10000", "0",
                "io.netty.buffer.Unpooled", "1500");

        assertThat(output).contains("opened 10000");
        assertThat(Reports.events(json)).isEmpty();
        Reports.assertNothingReported(output);
    }

    @Test
    void cleanProgram_reportsNothing_onJdk25(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("events.json");
        String output = Child.run(Child.JAVA_25, List.of(Child.agent("closeable,holdThreshold=1s"),
                Child.UNSAFE_ALLOWED, "-Dreftrack.jsonLog=" + json), Child.classpath("netty41"), APP, "1000", "0",
                "io.netty.buffer.Unpooled", "1500");

        assertThat(Reports.events(json)).isEmpty();
        Reports.assertNothingReported(output);
    }

    @Test
    void channelsZipFilesAndSocketChannelsLeft_areEachReportedAtTheirLine() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable")), Child.classpath(null),
                "example.closeable.ChannelsApp", "leak");

        String report = Child.exitReport(output);
        assertThat(report).startsWith("reftrack-agent at exit: 7 distinct leak(s) found by the GC\n");
        // the files are named by their path, the accepted channel by its peer; the others were given no address
        for (String leak : List.of("file_channel fileChannel:72:45 .zip", "file_channel stream:76:46 .zip",
                "zip_file zipFile:80:47 .zip", "jar_file jarFile:84:48 .zip", "server_socket_channel server:88:49",
                "socket_channel client:94:51", "socket_channel accepted:98:52 127.0.0.1")) {
            String[] kind = leak.split("[ :]");
            String name = kind.length > 4 ? "  held by: \\S+" + Pattern.quote(kind[4]) + "\\S*\n" : "";
            assertThat(report).containsPattern(
                    Pattern.quote(kind[0] + " at exit: 1 object(s) leaked 1 reference(s) at\n") + name
                    + Pattern.quote("     example.closeable.ChannelsApp." + kind[1] + "(ChannelsApp.java:" + kind[2]
                    + ")\n     example.closeable.ChannelsApp.main(ChannelsApp.java:" + kind[3] + ")\n\n"));
        }
        assertThat(output).doesNotContain("reference already released");
    }

    @Test
    void channelsZipFilesAndSocketChannelsClosed_evenTwice_reportNothing() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable,holdThreshold=1s")),
                Child.classpath(null), "example.closeable.ChannelsApp", "clean");

        assertThat(output).contains("closed 7");
        Reports.assertNothingReported(output);
    }

    @Test
    void specOfAnyAutoCloseable_reportsTheUnclosedOnes_andNotASecondClose() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable=example.closeable.Conn")),
                Child.classpath(null), "example.closeable.ConnApp", "1000", "125");

        assertThat(output).contains("closed 992").doesNotContain("reference already released");
        assertThat(Child.exitReport(output)).isEqualTo("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "conn at exit: 8 object(s) leaked 8 reference(s) at\n"
                + "     example.closeable.ConnApp.connect(ConnApp.java:36)\n"
                + "     example.closeable.ConnApp.main(ConnApp.java:23)\n\n");
    }

    @Test
    void specNamingAJdkInterface_tracksItsImplementations_asJdbcConnectionsWouldBe() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable=java.lang.AutoCloseable")),
                Child.classpath(null), "example.closeable.ConnApp", "1000", "125");

        assertThat(output).contains("closed 992").doesNotContain("WARNING")
                .doesNotContain("reference already released");
        assertThat(Child.exitReport(output)).isEqualTo("reftrack-agent at exit: 1 distinct leak(s) found by the GC\n"
                + "autocloseable at exit: 8 object(s) leaked 8 reference(s) at\n"
                + "     example.closeable.ConnApp.connect(ConnApp.java:36)\n"
                + "     example.closeable.ConnApp.main(ConnApp.java:23)\n\n");
    }

    @Test
    void specNamingAClassThatIsNotCloseableOrMissing_isOneClearLineEach() throws Exception {
        String output = Child.run(Child.JAVA, List.of(Child.agent("closeable=example.closeable.NotCloseable,"
                + "closeable=example.closeable.Nope,closeable=example.closeable.Conn")), Child.classpath(null),
                "example.closeable.ConnApp", "1000", "0");

        assertThat(output).containsOnlyOnce("WARNING: reftrack-agent: closeable=example.closeable.NotCloseable:"
                + " example.closeable.NotCloseable is not AutoCloseable (it has no close() that releases it); name a"
                + " class that implements java.lang.AutoCloseable, or track it with class=FQN,acquire=...,release=...;"
                + " skipped\n")
                .containsOnlyOnce("WARNING: reftrack-agent: closeable=example.closeable.Nope: no such class on the"
                + " class path (check the fully qualified name, with $ for nested classes); skipped\n")
                .contains("closed 1000").doesNotContain("\tat ");
        Reports.assertNothingReported(output);
    }

}
