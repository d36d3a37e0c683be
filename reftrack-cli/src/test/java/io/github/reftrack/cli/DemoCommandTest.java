package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.reftrack.LeakReport;
import io.github.reftrack.delayedinode.InjectionSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code reftrack demo}: a clean workload exits 0, every injected forgotten release exits 3 with
 * the leaking code path in the report. Small runs (2 000 operations, kill-all deadline 300 ms) keep
 * it fast; the seed is printed in the output, so a failure can be replayed.
 */
class DemoCommandTest {
    private static final String[] SMALL = {"--ops", "2000", "--threads", "2", "--kill-all-deadline", "300"};

    private static Cli.Result demo(String... options) {
        String[] args = new String[1 + SMALL.length + options.length];
        args[0] = "demo";
        System.arraycopy(SMALL, 0, args, 1, SMALL.length);
        System.arraycopy(options, 0, args, 1 + SMALL.length, options.length);
        return Cli.run(args);
    }

    @Test
    void exitsWithZero_whenNothingIsInjected() {
        Cli.Result result = demo("--seed", "7");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).matches("2000 operations on 2 threads in \\d+\\.\\d\\d s \\(seed 7, tracking full\\):"
                + " \\d+ delayed nodes created, 0 refcount warnings\n"
                + "killAllDelayedNodes completed: no delayed node left, no leak\n");
    }

    @ParameterizedTest
    @EnumSource(InjectionSite.class)
    void exitsWithThreeAndNamesTheLeakingPath_whenASiteIsInjected(InjectionSite site) {
        Cli.Result result = demo("--inject-leak", site.cliName());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).as(result.toString())
                .contains("injected " + site.cliName() + "):")
                .containsPattern("killAllDelayedNodes gave up after 300 ms: (1 delayed node stuck \\(inode \\d+\\)"
                        + "|\\d+ delayed nodes stuck \\(inodes \\d+(, \\d+)+\\))\n")
                .containsPattern("delayed_node@[0-9a-f]{16} has \\d+/\\d+ users at\n")
                // in a frame of the report (".method(") or its holder line, not just anywhere in the text
                .containsPattern("(\\." + site.reportMarker() + "\\(|\n  held by: .*\\b" + site.reportMarker()
                        + "\\b)");
    }

    @Test
    void printsTheStuckReportsAsJson_thatReportRendersBackToTheSameText(@TempDir Path dir) throws IOException {
        Cli.Result text = demo("--inject-leak", "kill-all-pin", "--seed", "3");
        Cli.Result json = demo("--inject-leak", "kill-all-pin", "--seed", "3", "--json");

        assertThat(json.exitCode()).as(json.toString()).isEqualTo(ExitCode.LEAKS);
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("leaked").asBoolean()).isTrue();
        assertThat(root.get("injected").asText()).isEqualTo("kill-all-pin");
        assertThat(root.get("seed").asLong()).isEqualTo(3);
        List<LeakReport> reports = ReportJson.parse(json.out()).reports();
        assertThat(reports).isNotEmpty();
        assertThat(reports.get(0).groups().get(0).frames()).extracting(StackTraceElement::getMethodName)
                .contains("killAllDelayedNodes");

        Path file = Files.writeString(dir.resolve("demo.json"), json.out());
        Cli.Result rendered = Cli.run("report", file.toString());
        String expected = reports.stream().map(LeakReport::toString).collect(Collectors.joining());
        assertThat(rendered.out()).isEqualTo(expected);
        // object names differ between runs; the stacks do not
        assertThat(text.out().replaceAll("@[0-9a-f]{16}", "@X")).contains(expected.replaceAll("@[0-9a-f]{16}", "@X"));
    }

    @Test
    void exitsWithThreeWithoutStacks_whenTrackingIsOff() {
        Cli.Result result = demo("--inject-leak", "readdir-raw-drop", "--tracking", "off");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).contains("(tracking is off: no stacks were recorded; run with --tracking full to see"
                + " who holds the references)\n").doesNotContain("users at");
    }

    @Test
    void listsEverySiteByItsCommandLineName() {
        Cli.Result result = Cli.run("demo", "--list-sites");

        assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(result.out().lines()).hasSize(InjectionSite.values().length);
        for (InjectionSite site : InjectionSite.values()) {
            assertThat(result.out()).contains(String.format("%-26s %s%n", site.cliName(), site.description()));
        }
    }

    @Test
    void exitsWithTwoListingTheSites_whenTheSiteIsUnknown() {
        Cli.Result result = Cli.run("demo", "--inject-leak", "forget-everything");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("reftrack demo: Invalid value for option '--inject-leak': unknown injection"
                + " site 'forget-everything': use one of insert-dir-index-get, readdir-raw-drop, async-worker-release,"
                + " evict-inode-cache-release, first-next-walk, kill-all-pin (see 'reftrack demo --help')\n");
    }

    @Test
    void exitsWithTwo_whenANumberIsBad() {
        Cli.Result notANumber = Cli.run("demo", "--ops", "many");
        Cli.Result outOfRange = Cli.run("demo", "--threads", "0");

        assertThat(notANumber.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notANumber.err()).isEqualTo("reftrack demo: Invalid value for option '--ops': 'many' is not a long"
                + " (see 'reftrack demo --help')\n");
        assertThat(outOfRange.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(outOfRange.err()).isEqualTo("reftrack demo: --threads must be from 1 to 256, was 0"
                + " (see 'reftrack demo --help')\n");
    }

    @Test
    void exitsWithTwo_whenTheTrackingModeIsUnknown() {
        Cli.Result result = Cli.run("demo", "--tracking", "paranoid");

        assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).isEqualTo("reftrack demo: Invalid value for option '--tracking': 'paranoid' is not a"
                + " tracking mode: use off, sample or full (see 'reftrack demo --help')\n");
    }
}
