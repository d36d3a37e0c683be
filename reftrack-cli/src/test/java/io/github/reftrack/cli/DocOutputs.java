package io.github.reftrack.cli;

import io.github.reftrack.FrameFilter;
import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.InjectionSite;
import io.github.reftrack.delayedinode.workload.Workload;
import io.github.reftrack.delayedinode.workload.WorkloadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "Real output" blocks of the documentation and the code that prints them, so that they can
 * be rewritten from real runs ({@code scripts/regenerate-outputs.sh} calls {@link #main}) and
 * checked against what the code prints now ({@code DocOutputsTest}).
 *
 * <p>A block in a Markdown file sits between {@code <!-- output:NAME -->} and
 * {@code <!-- /output -->}, as one fenced code block; a quoted source file between
 * {@code <!-- snippet:PATH#REGION -->} and {@code <!-- /snippet -->}, taken from the lines
 * between {@code // snippet:REGION} and {@code // end:REGION} in that file (one or more stretches).
 * {@code docs/report-screenshot.html} is regenerated whole.
 *
 * <p>What varies from run to run is ignored when comparing ({@link #normalize}): object ids
 * ({@code @00000000688990c0}), and every number except source line numbers ({@code .java:151}):
 * timings, node counts, inode numbers, timestamps and process ids differ between runs of the
 * same seed, because the workload's threads interleave differently.
 *
 * <p>Not thread-safe; used by one thread.
 */
public final class DocOutputs {
    /** An output the documentation shows, and the file it is in. */
    record Output(String file, String name, Supplier<String> printer) {
    }

    private static final Pattern OUTPUT = Pattern.compile(
            "(<!-- output:([\\w-]+) -->\n)(.*?)(<!-- /output -->)", Pattern.DOTALL);
    private static final Pattern SNIPPET = Pattern.compile(
            "(<!-- snippet:([^#\\s]+)#([\\w-]+) -->\n)(.*?)(<!-- /snippet -->)", Pattern.DOTALL);
    private static final String SCREENSHOT_PAGE = "docs/report-screenshot.html";
    /**
     * The blocks that show runs of examples/ and examples/netty-suite, and the files under
     * {@code examples/target} where scripts/check-examples.sh saves those runs' output; the script
     * checks these blocks, DocOutputsTest leaves them out.
     */
    static final Map<String, String> EXAMPLE_BLOCKS = Map.of(
            "junit-failure", "planted-failure.txt",
            "plugin-leak", "netty-suite-leak.txt",
            "plugin-baseline", "netty-suite-baseline.txt",
            "plugin-baseline-json", "netty-suite-baseline-json.txt",
            "plugin-fixed", "netty-suite-fixed.txt",
            "plugin-help", "netty-suite-help.txt");

    private final Path root;
    private final Map<String, String> printed = new LinkedHashMap<>();

    DocOutputs(Path root) {
        this.root = root;
    }

    /**
     * Rewrites every block of every documentation file from real runs.
     *
     * @param args ignored
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        DocOutputs docs = new DocOutputs(repositoryRoot());
        for (String file : docs.markdownFiles()) {
            Path path = docs.root.resolve(file);
            String before = Files.readString(path);
            String after = docs.rewrite(file, before);
            if (!after.equals(before)) {
                Files.writeString(path, after);
                System.err.println("regenerate-outputs: rewrote " + file);
            }
        }
        Files.writeString(docs.root.resolve(SCREENSHOT_PAGE), docs.screenshotPage());
        System.err.println("regenerate-outputs: rewrote " + SCREENSHOT_PAGE);
    }

    /** The repository root: the nearest directory up from here with the {@code reftrack} launcher. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("reftrack")) && Files.isDirectory(dir.resolve("examples"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the reftrack repository: " + Path.of("").toAbsolutePath());
    }

    /** The Markdown files that hold blocks. */
    List<String> markdownFiles() {
        return List.of("README.md", "reftrack-cli/README.md", "delayed-inode/README.md", "reftrack-junit5/README.md",
                "reftrack-maven-plugin/README.md");
    }

    /** The blocks of one file, in order: name and current text. */
    static Map<String, String> outputBlocks(String markdown) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher matcher = OUTPUT.matcher(markdown);
        while (matcher.find()) {
            blocks.put(matcher.group(2), unfence(matcher.group(3)));
        }
        return blocks;
    }

    /** The quoted snippets of one file: "PATH#REGION" and the quoted text. */
    static Map<String, String> snippetBlocks(String markdown) {
        Map<String, String> blocks = new LinkedHashMap<>();
        Matcher matcher = SNIPPET.matcher(markdown);
        while (matcher.find()) {
            blocks.put(matcher.group(2) + "#" + matcher.group(3), unfence(matcher.group(4)));
        }
        return blocks;
    }

    /** The file with every output block and snippet replaced by what the code prints and holds now. */
    String rewrite(String file, String markdown) {
        StringBuilder out = new StringBuilder();
        Matcher outputs = OUTPUT.matcher(markdown);
        while (outputs.find()) {
            outputs.appendReplacement(out, Matcher.quoteReplacement(outputs.group(1) + "```\n" + print(outputs.group(2))
                    + "```\n" + outputs.group(4)));
        }
        outputs.appendTail(out);
        String withOutputs = out.toString();
        out.setLength(0);
        Matcher snippets = SNIPPET.matcher(withOutputs);
        while (snippets.find()) {
            snippets.appendReplacement(out, Matcher.quoteReplacement(snippets.group(1) + "```java\n"
                    + snippet(snippets.group(2), snippets.group(3)) + "```\n" + snippets.group(5)));
        }
        snippets.appendTail(out);
        return out.toString();
    }

    /** What the named output prints now (each printed once per instance). */
    String print(String name) {
        return printed.computeIfAbsent(name, this::run);
    }

    /**
     * The lines between {@code // snippet:REGION} and {@code // end:REGION} of a file (the markers
     * may be indented): every such stretch, each without its common indentation, one blank line
     * between them.
     */
    String snippet(String file, String region) {
        List<String> blocks = new ArrayList<>();
        List<String> block = null;
        for (String line : read(root.resolve(file)).lines().toList()) {
            if (line.strip().equals("// snippet:" + region)) {
                block = new ArrayList<>();
            } else if (line.strip().equals("// end:" + region) && block != null) {
                blocks.add(dedent(block));
                block = null;
            } else if (block != null) {
                block.add(line);
            }
        }
        if (blocks.isEmpty() || block != null) {
            throw new IllegalStateException(file + " has no complete region '" + region + "' (// snippet:" + region
                    + " ... // end:" + region + ")");
        }
        return String.join("\n", blocks);
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line.isBlank() ? "" : line.substring(indent)).append('\n'));
        return text.toString();
    }

    private String run(String name) {
        if (EXAMPLE_BLOCKS.containsKey(name)) {
            return savedByCheckExamples(EXAMPLE_BLOCKS.get(name));
        }
        return switch (name) {
            case "demo-leak" -> cli("demo", "--inject-leak", "insert-dir-index-get");
            case "demo-runs" -> "$ ./reftrack demo\n" + cliWithExit("demo") + "\n"
                    + "$ ./reftrack demo --inject-leak insert-dir-index-get\n"
                    + cliWithExit("demo", "--inject-leak", "insert-dir-index-get");
            case "demo-off" -> "$ ./reftrack demo --inject-leak first-next-walk --tracking off\n"
                    + cliWithExit("demo", "--inject-leak", "first-next-walk", "--tracking", "off");
            case "list-sites" -> "$ ./reftrack demo --list-sites\n" + cli("demo", "--list-sites");
            case "connection-report" -> connectionLeak(List.of()).stdout();
            case "jfr" -> jfr();
            case "json-line" -> jsonLine();
            case "workload" -> workload();
            case "forgotten-release" -> forgottenRelease();
            default -> throw new IllegalArgumentException("no output named '" + name + "'");
        };
    }

    private static String cli(String... args) {
        Cli.Result result = Cli.run(args);
        if (result.exitCode() != ExitCode.OK && result.exitCode() != ExitCode.LEAKS) {
            throw new IllegalStateException("reftrack " + String.join(" ", args) + " failed: " + result);
        }
        return result.out();
    }

    private static String cliWithExit(String... args) {
        Cli.Result result = Cli.run(args);
        return result.out() + "[exit " + result.exitCode() + "]\n";
    }

    /** The README's delayed-inode snippet, with its progress lines and stuck reports. */
    private static String workload() {
        StringBuilder out = new StringBuilder();
        try {
            WorkloadResult r = Workload.builder().threads(4).ops(20_000).seed(42)
                    .tracking(RefTracking.Mode.FULL)
                    .inject(InjectionSite.INSERT_DIR_INDEX_GET)
                    .killAllDeadline(Duration.ofSeconds(2))
                    .progress(line -> out.append(line).append('\n'))
                    .run();
            r.stuckReports().forEach(out::append);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out.toString();
    }

    /**
     * delayed-inode's ForgottenRelease, run with the source launcher; the launcher's own frames
     * (reflection and {@code com.sun.tools.javac.launcher}) under {@code main} are left out.
     */
    private String forgottenRelease() {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"),
                root.resolve("delayed-inode/src/test/java/example/ForgottenRelease.java").toString());
        StringBuilder text = new StringBuilder();
        for (String line : exec(command).stdout().lines().toList()) {
            String frame = line.strip();
            if (!frame.startsWith("jdk.internal.reflect.") && !frame.startsWith("java.lang.reflect.Method.invoke")
                    && !frame.startsWith("com.sun.tools.javac.launcher.")) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    /** Output of a run of examples/ or examples/netty-suite, as scripts/check-examples.sh saved it. */
    private String savedByCheckExamples(String file) {
        Path saved = root.resolve("examples/target").resolve(file);
        if (!Files.isRegularFile(saved)) {
            throw new IllegalStateException(saved + " is missing: run scripts/check-examples.sh first");
        }
        String text = read(saved);
        return text.endsWith("\n") ? text : text + "\n";
    }

    /** What one run of examples/'s ConnectionLeak printed. */
    record Run(String stdout, String stderr) {
    }

    /** Runs examples/'s ConnectionLeak as the README says (source launcher, full mode, 3 frames). */
    Run connectionLeak(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dreftrack.mode=full");
        command.add("-Dreftrack.depth=3");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(root.resolve("examples/src/main/java/example/ConnectionLeak.java").toString());
        return exec(command);
    }

    private String jfr() {
        Path dir = tempDir();
        Path recording = dir.resolve("leaks.jfr");
        connectionLeak(List.of("-XX:StartFlightRecording:filename=" + recording));
        String printed = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(), "print",
                "--events", "io.github.reftrack.Leak", recording.toString())).stdout();
        // the event's fields and the start of its report; the stack trace that follows is JFR's own
        StringBuilder text = new StringBuilder();
        for (String line : printed.lines().toList()) {
            if (line.startsWith("  eventThread") || line.startsWith("  stackTrace")) {
                break;
            }
            text.append(line).append('\n');
        }
        return text.append("  ...\n").toString();
    }

    private String jsonLine() {
        Path log = tempDir().resolve("reftrack.jsonl");
        connectionLeak(List.of("-Dreftrack.depth=1", "-Dreftrack.jsonLog=" + log));
        return read(log).lines().filter(line -> line.contains("\"event\":\"leak\"")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no leak event in " + log)) + "\n";
    }

    /** The HTML page of the six injected leaks, one demo run each, as docs/ keeps it. */
    String screenshotPage() {
        List<ReportJson.Item> items = new ArrayList<>();
        for (InjectionSite site : InjectionSite.values()) {
            String json = cli("demo", "--inject-leak", site.cliName(), "--kill-all-deadline", "500", "--json");
            items.addAll(ReportJson.parse(json).items());
        }
        return HtmlReport.render(items, InjectionSite.values().length + " files",
                FrameFilter.of(ReportCommand.FOLDED), ReferenceKind.LEAKED);
    }

    /**
     * Text with what varies between runs replaced: object ids become {@code @ID}, and every run
     * of digits becomes {@code N}, except source line numbers ({@code Foo.java:12} and JSON's
     * {@code "line":12}); then lists of numbers become one, and a counted noun its singular
     * ({@code 2 delayed nodes} and {@code 1 delayed node} both read {@code N delayed node}).
     * scripts/check-examples.sh does the same with perl.
     */
    static String normalize(String text) {
        return text.replace("\r\n", "\n").replaceAll("@[0-9a-f]{16}", "@ID")
                .replaceAll("(?<![0-9])(?<!\\.java:)(?<!\"line\":)[0-9]+", "N")
                .replaceAll("\\bN(, N)+", "N").replaceAll("\\b(N [a-z ]*?[a-z])s\\b", "$1")
                .replace("(inodes N", "(inode N");
    }

    private static String unfence(String block) {
        String text = block.strip();
        if (text.startsWith("```")) {
            text = text.substring(text.indexOf('\n') + 1);
        }
        if (text.endsWith("```")) {
            text = text.substring(0, text.length() - 3);
        }
        return text;
    }

    private static Run exec(List<String> command) {
        Path dir = tempDir();
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return new Run(read(out), read(err));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("reftrack-docs");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
