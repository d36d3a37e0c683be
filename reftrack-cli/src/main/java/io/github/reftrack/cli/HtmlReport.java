package io.github.reftrack.cli;

import io.github.reftrack.LeakReport;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders reports as one self-contained HTML page: a summary per directory class, the call tree
 * of the live references ({@link CallTree}, rooted at the frame that took each reference) with
 * counts and expand/collapse, and the kernel-shape text of every report.
 *
 * <p>The page loads nothing: CSS and JavaScript are inline and a Content-Security-Policy forbids
 * every other source. Every piece of text that came from a report is HTML-escaped, so class and
 * method names such as {@code <init>} and hostile holder names render as text. Without JavaScript
 * the tree still works (it is made of {@code <details>} elements); only the expand-all and
 * collapse-all buttons need it.
 *
 * <p>Stateless and thread-safe.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    /** Renders the page; {@code source} names where the reports came from, for the title. */
    static String render(List<LeakReport> reports, String source) {
        CallTree.Node root = CallTree.build(reports);
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<title>reftrack report: ").append(escape(source)).append("</title>\n")
                .append("<style>\n").append(HtmlAssets.CSS).append("</style>\n</head>\n<body>\n");
        header(reports, root, source, html);
        html.append("<main>\n<h2>Live references by call path</h2>\n<p class=\"hint\">Each tree starts at the frame")
                .append(" that took the reference; open a frame to see its callers. Numbers are live references")
                .append(" through that frame.</p>\n");
        if (root.users() == 0) {
            html.append("<p class=\"empty\">No live references.</p>\n");
        } else {
            html.append("<ul class=\"tree\">\n");
            for (CallTree.Node classNode : root.children()) {
                node(classNode, root.users(), 0, true, html);
            }
            html.append("</ul>\n");
        }
        reportTexts(reports, html);
        html.append("</main>\n<script>\n").append(HtmlAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(List<LeakReport> reports, CallTree.Node root, String source, StringBuilder html) {
        Map<String, int[]> byClass = new TreeMap<>();
        for (LeakReport report : reports) {
            int[] counts = byClass.computeIfAbsent(report.className(), k -> new int[2]);
            counts[0]++;
            counts[1] += report.totalUsers();
        }
        html.append("<header>\n<h1>reftrack report</h1>\n<p class=\"meta\">").append(escape(source))
                .append(" &middot; ")
                .append(reports.size()).append(reports.size() == 1 ? " directory" : " directories")
                .append(" &middot; <strong>").append(root.users()).append("</strong> live references</p>\n")
                .append("<table class=\"summary\">\n")
                .append("<tr><th>class</th><th>directories</th><th>live references</th></tr>\n");
        byClass.forEach((className, counts) -> html.append("<tr><td><code>").append(escape(className))
                .append("</code></td><td>").append(counts[0]).append("</td><td>").append(counts[1])
                .append("</td></tr>\n"));
        html.append("</table>\n<div class=\"controls\"><button type=\"button\" id=\"expand\">Expand all</button>")
                .append("<button type=\"button\" id=\"collapse\">Collapse all</button></div>\n</header>\n");
    }

    /**
     * One tree node. Open by default: the class level, the innermost frames, and a node that is
     * its parent's only child (a plain chain of callers, nothing to choose between).
     */
    private static void node(CallTree.Node node, long total, int depth, boolean onlyChild, StringBuilder html) {
        List<CallTree.Node> children = node.children();
        boolean isClass = depth == 0;
        if (children.isEmpty()) {
            html.append("<li class=\"leaf\"><div class=\"row\">");
            row(node, total, isClass, html);
            html.append("</div>");
            ends(node, html);
            html.append("</li>\n");
            return;
        }
        html.append("<li><details").append(depth <= 1 || onlyChild ? " open" : "").append("><summary class=\"row\">");
        row(node, total, isClass, html);
        html.append("</summary>\n");
        ends(node, html);
        html.append("<ul>\n");
        for (CallTree.Node child : children) {
            node(child, total, depth + 1, children.size() == 1, html);
        }
        html.append("</ul></details></li>\n");
    }

    private static void row(CallTree.Node node, long total, boolean isClass, StringBuilder html) {
        String percent = String.format(Locale.ROOT, "%.1f", 100.0 * node.users() / total);
        html.append("<span class=\"count\">").append(node.users()).append("</span>")
                .append("<span class=\"bar\" title=\"").append(percent).append("% of all live references\">")
                .append("<span style=\"width:").append(percent).append("%\"></span></span>")
                .append(isClass ? "<span class=\"label cls\">" : "<code class=\"label\">")
                .append(escape(node.label()))
                .append(isClass ? "</span>" : "</code>");
    }

    /** Holders and directories of the stacks that end at this node (the outermost recorded frame). */
    private static void ends(CallTree.Node node, StringBuilder html) {
        if (node.directories().isEmpty()) {
            return;
        }
        html.append("<div class=\"ends\">");
        if (!node.holders().isEmpty()) {
            html.append("held by: <b>").append(escape(String.join(", ", node.holders()))).append("</b> &middot; ");
        }
        html.append("in ");
        String separator = "";
        for (Map.Entry<String, Long> dir : node.directories().entrySet()) {
            html.append(separator).append("<code>").append(escape(dir.getKey())).append("</code> &times;")
                    .append(dir.getValue());
            separator = ", ";
        }
        html.append("</div>\n");
    }

    private static void reportTexts(List<LeakReport> reports, StringBuilder html) {
        html.append("<h2>Reports</h2>\n");
        for (LeakReport report : reports) {
            html.append("<details class=\"report\"><summary><code>").append(escape(report.dirName()))
                    .append("</code> has ").append(report.totalUsers()).append(" users in ")
                    .append(report.groups().size()).append(report.groups().size() == 1 ? " group" : " groups")
                    .append("</summary>\n<pre>").append(escape(report.toString())).append("</pre></details>\n");
        }
    }

    /** Escapes text for HTML element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
