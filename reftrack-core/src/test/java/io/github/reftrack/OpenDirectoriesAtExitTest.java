package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report of open directories at exit groups the directories of a class by stack, as {@code dump} does. */
class OpenDirectoriesAtExitTest {

    @Test
    void directoriesOfOneClassAreOneReport_withAnObjectCountPerStack() {
        TestRuntime test = new TestRuntime();
        List<RefTrackerDir> dirs = List.of(test.fullDir("exit_grouped", 0), test.fullDir("exit_grouped", 0));
        List<RefTracker> taken = dirs.stream().map(Sites::siteX).toList();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(text, true, StandardCharsets.UTF_8));
        int reported;
        try {
            reported = test.runtime.reportOpenDirectories();
        } finally {
            System.setErr(err);
        }

        assertThat(reported).isEqualTo(2);
        assertThat(text.toString(StandardCharsets.UTF_8)).startsWith("reftrack: references still held at JVM exit in"
                + " 2 directories").contains("\nexit_grouped has 2/2 users at\n  objects: 2\n")
                .doesNotContain("exit_grouped@");
        for (int i = 0; i < dirs.size(); i++) {
            dirs.get(i).free(taken.get(i));
            dirs.get(i).close();
        }
    }
}
