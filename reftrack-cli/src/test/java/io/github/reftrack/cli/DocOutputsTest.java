package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The documentation's "Real output" blocks and quoted snippets are what the code prints and
 * holds now, modulo what varies between runs (see {@link DocOutputs#normalize}). When one fails,
 * run {@code scripts/regenerate-outputs.sh} and review the diff. The blocks of examples/'s runs
 * (the JUnit failure, the Maven plugin's netty-suite) are checked by {@code scripts/check-examples.sh},
 * which builds the examples they come from.
 */
class DocOutputsTest {
    private static final DocOutputs DOCS = new DocOutputs(DocOutputs.repositoryRoot());
    private static final String WORKLOAD_DRIVER = "io.github.reftrack.delayedinode.workload.";
    private static final Pattern CODE = Pattern.compile("<code[^>]*>([^<]*)</code>");

    private static String read(String file) {
        try {
            return Files.readString(DocOutputs.repositoryRoot().resolve(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> outputBlocks() {
        List<Arguments> blocks = new ArrayList<>();
        for (String file : DOCS.markdownFiles()) {
            DocOutputs.outputBlocks(read(file)).forEach((name, text) -> {
                if (!DocOutputs.EXAMPLE_BLOCKS.containsKey(name)) {
                    blocks.add(Arguments.of(file, name, text));
                }
            });
        }
        return blocks.stream();
    }

    static Stream<Arguments> snippetBlocks() {
        List<Arguments> blocks = new ArrayList<>();
        for (String file : DOCS.markdownFiles()) {
            DocOutputs.snippetBlocks(read(file)).forEach((where, text) -> blocks.add(Arguments.of(file, where, text)));
        }
        return blocks.stream();
    }

    @ParameterizedTest(name = "{0}: output {1}")
    @MethodSource("outputBlocks")
    void blockShowsWhatTheCodePrints(String file, String name, String text) {
        assertThat(DocOutputs.normalize(text)).as("%s block '%s' (run scripts/regenerate-outputs.sh)", file, name)
                .isEqualTo(DocOutputs.normalize(DOCS.print(name)));
    }

    @ParameterizedTest(name = "{0}: snippet {1}")
    @MethodSource("snippetBlocks")
    void snippetQuotesTheFile(String file, String where, String text) {
        String[] parts = where.split("#", 2);

        assertThat(text).as("%s snippet %s (run scripts/regenerate-outputs.sh)", file, where)
                .isEqualTo(DOCS.snippet(parts[0], parts[1]));
    }

    @Test
    void readmeHasItsBlocks() {
        String readme = read("README.md");

        assertThat(DocOutputs.outputBlocks(readme).keySet()).contains("demo-leak", "connection-report", "jfr",
                "json-line", "junit-failure");
        assertThat(DocOutputs.snippetBlocks(readme).keySet()).contains(
                "examples/src/main/java/example/ConnectionLeak.java#use-it");
    }

    @Test
    void pluginReadmeBlocksAreLeftToCheckExamples() {
        Set<String> blocks = DocOutputs.outputBlocks(read("reftrack-maven-plugin/README.md")).keySet();

        assertThat(blocks).containsExactlyInAnyOrder("plugin-help", "plugin-leak", "plugin-baseline",
                "plugin-baseline-json", "plugin-fixed");
        assertThat(outputBlocks().map(arguments -> arguments.get()[1])).doesNotContainAnyElementsOf(blocks);
    }

    /**
     * Compares the port's frames only: which of the workload driver's calls happens to fire an
     * injected site (the traffic, the last insert, or the provoker after them) depends on how the
     * asynchronous workers were scheduled, so the driver's frames differ from run to run.
     */
    @Test
    void screenshotPageShowsTheFramesOfTheSixInjectedLeaks() {
        Set<String> kept = portCodes(read("docs/report-screenshot.html"));

        assertThat(kept).as("docs/report-screenshot.html (run scripts/regenerate-outputs.sh)")
                .isNotEmpty().isEqualTo(portCodes(DOCS.screenshotPage()));
    }

    @Test
    void screenshotComparisonLeavesOutOnlyTheWorkloadDriver() {
        String page = "<code>io.github.reftrack.delayedinode.workload.Provoker.provoke(Provoker.java:29)</code>"
                + "<code>io.github.reftrack.delayedinode.DelayedNodes.release(DelayedNodes.java:285)</code>";

        assertThat(portCodes(page)).containsExactly("io.github.reftrack.delayedinode.DelayedNodes.release("
                + "DelayedNodes.java:285)");
    }

    @Test
    void normalizeKeepsLineNumbersAndDropsWhatVaries() {
        String text = "node@00000000c0ffee11 has 1/3 users at 14:30:23.282 (Foo.java:151) \"line\":7";

        assertThat(DocOutputs.normalize(text)).isEqualTo("node@ID has N/N user at N:N:N.N (Foo.java:151) \"line\":7");
    }

    @Test
    void normalizeTreatsOneAndManyAlike() {
        assertThat(DocOutputs.normalize("2 delayed nodes stuck (inodes 262, 263)"))
                .isEqualTo(DocOutputs.normalize("1 delayed node stuck (inode 256)"));
    }

    @Test
    void rewriteReplacesOnlyTheMarkedBlocks() {
        String markdown = "intro\n<!-- output:list-sites -->\n```\nstale\n```\n<!-- /output -->\nafter\n";

        String rewritten = DOCS.rewrite("x.md", markdown);

        assertThat(rewritten).startsWith("intro\n<!-- output:list-sites -->\n```\n$ ./reftrack demo --list-sites\n"
                + "insert-dir-index-get ").endsWith("```\n<!-- /output -->\nafter\n").doesNotContain("stale");
        assertThat(DocOutputs.outputBlocks(rewritten)).containsKey("list-sites");
    }

    private static Set<String> portCodes(String html) {
        Set<String> codes = codes(html);
        codes.removeIf(code -> code.startsWith(WORKLOAD_DRIVER));
        return codes;
    }

    private static Set<String> codes(String html) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = CODE.matcher(html);
        while (matcher.find()) {
            codes.add(DocOutputs.normalize(matcher.group(1)));
        }
        return codes;
    }

    @Test
    void findsTheRepositoryRoot() {
        Path root = DocOutputs.repositoryRoot();

        assertThat(root.resolve("README.md")).isRegularFile();
        assertThat(Map.of("examples", Files.isDirectory(root.resolve("examples")))).containsEntry("examples", true);
    }
}
