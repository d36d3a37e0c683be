package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

        assertThat(page).contains("<code class=\"label\">io.github.reftrack.delayedinode.Subvolume.&lt;init&gt;"
                + "(Subvolume.java:44)</code>");
        assertThat(page).contains("held by: <b>inode_cache, &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b>");
        assertThat(page).doesNotContain("<init>", "<script>alert");
    }

    @Test
    void countsTheReferencesThroughEachFrame() throws IOException {
        String page = renderThroughTheCommand();

        assertThat(page).contains("<span class=\"count\">4</span><span class=\"bar\" title=\"57.1% of all live"
                + " references\"><span style=\"width:57.1%\"></span></span>"
                + "<span class=\"label cls\">delayed_node</span>");
        assertThat(page).contains("<span class=\"count\">2</span><span class=\"bar\" title=\"28.6% of all live"
                + " references\"><span style=\"width:28.6%\"></span></span><code class=\"label\">"
                + "io.github.reftrack.delayedinode.DelayedInodes.killAllDelayedNodes(DelayedInodes.java:301)</code>");
        assertThat(page).contains("<strong>7</strong> live references");
        assertThat(page).contains("<tr><td><code>connection</code></td><td>1</td><td>3</td></tr>");
        assertThat(page).contains("in <code>delayed_node@00000000c0ffee11</code> &times;1");
    }

    @Test
    void makesEveryFrameWithCallersExpandable() throws IOException {
        String page = renderThroughTheCommand();

        // 2 classes + 2 + 2 delayed_node frames with callers + none under connection's single frame
        assertThat(Pattern.compile("<details( open)?><summary").matcher(page).results().count()).isEqualTo(6);
        assertThat(page).contains("id=\"expand\"", "id=\"collapse\"", "querySelectorAll('ul.tree details')");
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
                .doesNotContain("<ul class=\"tree\">");
    }

    @Test
    void exitsWithOne_whenTheOutputCannotBeWritten() throws IOException {
        Path json = Files.writeString(dir.resolve("one.json"), Reports.connection().toJson());
        Path html = dir.resolve("no-such-dir").resolve("out.html");

        Cli.Result result = Cli.run("report", json.toString(), "--html", html.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(result.err()).isEqualTo("reftrack report: cannot write " + html + ": no such file\n");
    }
}
