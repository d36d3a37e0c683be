package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reftrack report --html}: a self-contained page with escaped frames and counts. */
class HtmlReportTest {

    @TempDir
    Path dir;

    private String renderThroughTheCommand() throws IOException {
        Path json = Files.writeString(dir.resolve("leaks.json"),
                "[" + Reports.delayedNode().toJson() + "," + Reports.connection().toJson() + "]");
        Path html = dir.resolve("leaks.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.OK);
        assertThat(result.out()).isEqualTo("wrote " + html + ": 2 directories, 7 live references\n");
        return Files.readString(html);
    }

    @Test
    void escapesFramesAndHolders() throws IOException {
        String page = renderThroughTheCommand();

        assertThat(page).contains("<code class=\"caller\">io.github.reftrack.delayedinode.Subvolume.&lt;init&gt;"
                + "(Subvolume.java:44)</code>");
        assertThat(page).contains("<div class=\"ends\">in <code>delayed_node@00000000c0ffee11</code> &times;1 held by"
                + " <b>inode_cache, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b></div>");
        assertThat(page).doesNotContain("<init>", "<script>alert");
    }

    @Test
    void countsTheReferencesThroughEachFrame() throws IOException {
        String page = renderThroughTheCommand();

        assertThat(page).contains("<span class=\"count\">4</span><span class=\"bar\" title=\"57.1% of all live"
                + " references\"><span style=\"width:57.1%\"></span></span>"
                + "<span class=\"label cls\">delayed_node</span>");
        assertThat(page).contains("<span class=\"count\">2</span><span class=\"bar\" title=\"28.6% of all live"
                + " references\"><span style=\"width:28.6%\"></span></span>"
                + "<span class=\"frames\"><code class=\"label\">"
                + "io.github.reftrack.delayedinode.DelayedInodes.killAllDelayedNodes(DelayedInodes.java:301)</code>");
        assertThat(page).contains("<strong>7</strong> live references");
        assertThat(page).contains("<tr><td><code>connection</code></td><td>1</td><td>3</td></tr>");
        assertThat(page).contains("<div class=\"ends\">in <code>connection@0000000000000001</code> &times;3</div>");
    }

    @Test
    void foldsSingleCallerChainsIntoOneRow_andNestsWhereCallersDiffer() throws IOException {
        Path json = Files.writeString(dir.resolve("branching.json"), Reports.branching().toJson());
        Path html = dir.resolve("branching.html");
        Cli.run("report", json.toString(), "--html", html.toString());
        String page = Files.readString(html);

        // the class and the shared innermost method can be opened; each caller chain is one leaf row
        assertThat(Pattern.compile("<details( open)?><summary").matcher(page).results().count()).isEqualTo(2);
        assertThat(page).contains("<span class=\"count\">3</span>", "<code class=\"label\">com.example.Pool.lease"
                + "(Pool.java:7,9)</code></span></summary>\n<ul>\n<li class=\"leaf\"><div class=\"row\">"
                + "<span class=\"count\">2</span>");
        assertThat(page).contains("<code class=\"label\">com.example.A.open(A.java:3)</code>"
                + "<code class=\"caller\">com.example.Main.main(Main.java:1)</code></span></div>");
        assertThat(page).contains("<code class=\"label\">com.example.B.open(B.java:5)</code>"
                + "<code class=\"caller\">com.example.Main.main(Main.java:2)</code></span></div>");
        assertThat(page).contains("id=\"expand\"", "id=\"collapse\"", "querySelectorAll('main details')");
    }

    @Test
    void loadsNothingFromOutside() throws IOException {
        String page = renderThroughTheCommand();

        assertThat(page).contains(
                "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\"");
        assertThat(page).doesNotContainPattern("(?i)\\b(src|href)\\s*=").doesNotContain("http:", "https:", "@import",
                "url(");
    }

    @Test
    void includesEveryReportsKernelText() throws IOException {
        String page = renderThroughTheCommand();

        assertThat(page).contains("<pre>" + HtmlReport.escape(Reports.delayedNode().toString()) + "</pre>",
                "<pre>" + HtmlReport.escape(Reports.connection().toString()) + "</pre>");
    }

    @Test
    void saysSo_whenThereAreNoLiveReferences() throws IOException {
        Path json = Files.writeString(dir.resolve("none.json"), "[]");
        Path html = dir.resolve("none.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.out()).isEqualTo("wrote " + html + ": 0 directories, 0 live references\n");
        assertThat(Files.readString(html)).contains("<p class=\"empty\">No live references.</p>")
                .doesNotContain("<ul class=\"tree\">", "<h2>", "<table", "Expand all");
    }

    @Test
    void usesTheSingular_whenThereIsOneOfSomething() throws IOException {
        LeakReport one = new LeakReport("connection", "connection@0000000000000001", 1, 0, List.of(
                new LeakReport.Group(1, List.of(Reports.frame("com.example.Pool", "lease", "Pool.java", 7)),
                        "ffeeddccbbaa9988", List.of())));
        Path json = Files.writeString(dir.resolve("one.json"), one.toJson());
        Path html = dir.resolve("one.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.out()).isEqualTo("wrote " + html + ": 1 directory, 1 live reference\n");
        assertThat(Files.readString(html)).contains("1 directory &middot; <strong>1</strong> live reference</p>",
                "</code> has 1 user in 1 group</summary>").doesNotContain("1 live references", "has 1 users");
    }

    @Test
    void expandAllOpensTheReportsToo() {
        assertThat(HtmlAssets.SCRIPT).contains("document.querySelectorAll('main details')");
    }

    @Test
    void foldsReflectionAndLauncherFramesIntoAVisibleMarker_unlessAllFramesAreAsked() throws IOException {
        LeakReport viaReflection = new LeakReport("connection", "connection@0000000000000001", 1, 0, List.of(
                new LeakReport.Group(1, List.of(
                        Reports.frame("com.example.Pool", "lease", "Pool.java", 7),
                        Reports.frame("com.example.Main", "run", "Main.java", 3),
                        Reports.frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", null, -2),
                        Reports.frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke", null, 77),
                        Reports.frame("java.lang.reflect.Method", "invoke", "Method.java", 568),
                        Reports.frame("com.sun.tools.javac.launcher.Main", "execute", "Main.java", 419),
                        Reports.frame("picocli.CommandLine", "execute", "CommandLine.java", 2078)),
                        "ffeeddccbbaa9988", List.of())));
        Path json = Files.writeString(dir.resolve("reflect.json"), viaReflection.toJson());
        Path html = dir.resolve("reflect.html");
        Path all = dir.resolve("all.html");

        Cli.run("report", json.toString(), "--html", html.toString());
        Cli.run("report", json.toString(), "--html", all.toString(), "--all-frames");

        String page = Files.readString(html);
        String tree = page.substring(page.indexOf("<ul class=\"tree\">"), page.indexOf("<h2>Reports</h2>"));
        assertThat(tree).contains("com.example.Main.run(Main.java:3)</code><span class=\"hidden-frames\"",
                ">5 frames hidden</span>").doesNotContain("reflect.", "launcher.Main", "picocli.");
        // the report's own text stays complete
        assertThat(page.substring(page.indexOf("<h2>Reports</h2>"))).contains("java.lang.reflect.Method.invoke");
        String full = Files.readString(all);
        assertThat(full.substring(full.indexOf("<ul class=\"tree\">"), full.indexOf("<h2>Reports</h2>")))
                .contains("picocli.CommandLine.execute").doesNotContain("frames hidden");
    }

    @Test
    void namesTheMissingDirectory_whenTheOutputsDirectoryDoesNotExist() throws IOException {
        Path json = Files.writeString(dir.resolve("one.json"), Reports.connection().toJson());
        Path missing = dir.resolve("no-such-dir");
        Path html = missing.resolve("out.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("reftrack report: cannot write " + html + ": directory " + missing
                + " does not exist; create it (mkdir -p " + missing + ") or write the page elsewhere\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void saysSo_whenTheOutputsDirectoryIsAFile() throws IOException {
        Path json = Files.writeString(dir.resolve("one.json"), Reports.connection().toJson());
        Path html = json.resolve("out.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("reftrack report: cannot write " + html + ": " + json
                + " is not a directory\n");
    }

    @Test
    void countsLeakedReferences_whenTheInputIsLeakEvents() throws IOException {
        String leak = Reports.connection().toJson().replaceFirst("\\{", "{\"timestamp\":\"2026-11-30T10:00:00Z\","
                + "\"event\":\"leak\",");
        Path log = Files.writeString(dir.resolve("log.jsonl"), leak + "\n");
        Path html = dir.resolve("leaks.html");

        Cli.Result result = Cli.run("report", log.toString(), "--html", html.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCode.LEAKS);
        assertThat(result.out()).isEqualTo("wrote " + html + ": 1 directory, 3 leaked references\n");
        assertThat(Files.readString(html)).contains("<strong>3</strong> leaked references</p>",
                "<th>leaked references</th>", "<h2>Leaked references by call path</h2>",
                "% of all leaked references\"").doesNotContain("live reference", "Live reference");
    }

    @Test
    void countsBothKinds_whenLeakEventsAndASnapshotAreRenderedTogether() throws IOException {
        String leak = Reports.connection().toJson().replaceFirst("\\{", "{\"event\":\"leak\",");
        Path log = Files.writeString(dir.resolve("log.jsonl"), leak + "\n");
        Path snapshot = Files.writeString(dir.resolve("dump.json"), "[" + Reports.delayedNode().toJson() + "]");
        Path html = dir.resolve("both.html");

        Cli.Result result = Cli.run("report", log.toString(), snapshot.toString(), "--html", html.toString());

        assertThat(result.out()).as(result.toString())
                .isEqualTo("wrote " + html + ": 2 directories, 7 live or leaked references\n");
    }
}
