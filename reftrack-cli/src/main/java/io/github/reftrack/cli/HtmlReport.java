package io.github.reftrack.cli;

import io.github.reftrack.FrameFilter;
import io.github.reftrack.LeakReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Renders reports as one self-contained HTML page: a summary per directory class, the call tree
 * of the references ({@link CallTree}, rooted at the frame that took each reference) with
 * counts and expand/collapse, and the kernel-shape text of every report. The page calls the
 * references what they are ({@link ReferenceKind}): live in a snapshot, leaked in leak events.
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

    /** Renders the page of the given live reports with every frame; {@code source} names where they came from. */
    static String render(List<LeakReport> reports, String source) {
        return render(reports.stream().map(r -> new ReportJson.Item(null, r, null)).toList(), source,
                FrameFilter.of(List.of()), ReferenceKind.LIVE);
    }

    /**
     * Writes the page to {@code file}.
     *
     * @throws CliException naming the missing directory, or what else went wrong, if it cannot
     */
    static void write(Path file, String page) {
        try {
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Path parent = file.toAbsolutePath().getParent();
            Path named = file.getParent() != null ? file.getParent() : parent;
            if (parent != null && !Files.exists(parent)) {
                throw new CliException("cannot write " + file + ": directory " + named + " does not exist; create it"
                        + " (mkdir -p " + named + ") or write the page elsewhere", e);
            } else if (parent != null && !Files.isDirectory(parent)) {
                throw new CliException("cannot write " + file + ": " + named + " is not a directory", e);
            }
            throw new CliException("cannot write " + file + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /**
     * Renders the page: the reports among {@code items} as the call tree and their texts, the
     * other events as text; {@code source} names where they came from, for the title; frames
     * {@code filter} hides are folded into an {@code n frames hidden} marker; {@code kind} says
     * what to call the references. Sections with nothing to show are left out.
     */
    static String render(List<ReportJson.Item> items, String source, FrameFilter filter, ReferenceKind kind) {
        List<LeakReport> reports = items.stream().map(ReportJson.Item::report).filter(r -> r != null).toList();
        List<ReportJson.Item> others = items.stream().filter(item -> item.report() == null).toList();
        CallTree.Node root = CallTree.build(reports, filter);
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<title>reftrack report: ").append(escape(source)).append("</title>\n")
                .append("<style>\n").append(HtmlAssets.CSS).append("</style>\n</head>\n<body>\n");
        header(reports, root, source, others.size(), kind, html);
        html.append("<main>\n");
        String references = kind.plural();
        if (root.users() == 0) {
            html.append("<p class=\"empty\">No ").append(references).append(".</p>\n");
        } else {
            html.append("<h2>").append(Character.toUpperCase(references.charAt(0))).append(references.substring(1))
                    .append(" by call path</h2>\n<p class=\"hint\">Each path starts at the")
                    .append(" method that took the reference, callers below it; paths part where callers differ")
                    .append(" (open a frame to see them). Numbers are ").append(references)
                    .append(" through that frame.</p>\n<ul class=\"tree\">\n");
            for (CallTree.Node classNode : root.children()) {
                node(classNode, root.users(), kind, 0, html);
            }
            html.append("</ul>\n");
        }
        reportTexts(reports, html);
        otherEvents(others, html);
        html.append("</main>\n<script>\n").append(HtmlAssets.SCRIPT).append("</script>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(List<LeakReport> reports, CallTree.Node root, String source, int others,
            ReferenceKind kind, StringBuilder html) {
        Map<String, int[]> byClass = new TreeMap<>();
        for (LeakReport report : reports) {
            int[] counts = byClass.computeIfAbsent(report.className(), k -> new int[2]);
            counts[0]++;
            counts[1] += report.totalUsers();
        }
        html.append("<header>\n<h1>reftrack report</h1>\n<p class=\"meta\">").append(escape(source))
                .append(" &middot; ").append(Words.count(reports.size(), "directory", "directories"))
                .append(" &middot; <strong>").append(root.users()).append("</strong> ")
                .append(kind.noun(root.users()));
        if (others > 0) {
            html.append(" &middot; ").append(Words.count(others, "other event"));
        }
        html.append("</p>\n");
        if (byClass.isEmpty()) {
            html.append("</header>\n");
            return;
        }
        html.append("<table class=\"summary\">\n")
                .append("<tr><th>class</th><th>directories</th><th>").append(kind.plural()).append("</th></tr>\n");
        byClass.forEach((className, counts) -> html.append("<tr><td><code>").append(escape(className))
                .append("</code></td><td>").append(counts[0]).append("</td><td>").append(counts[1])
                .append("</td></tr>\n"));
        html.append("</table>\n<div class=\"controls\"><button type=\"button\" id=\"expand\">Expand all</button>")
                .append("<button type=\"button\" id=\"collapse\">Collapse all</button></div>\n</header>\n");
    }

    /**
     * One tree node, with its single-caller chain folded in: while a node has exactly one caller
     * and no stack ends at it, the caller is listed under it in the same row (the count is the
     * same all along such a chain), so a leak path reads as one block and nesting only appears
     * where call paths part. Open by default: the class level and the innermost frames.
     */
    private static void node(CallTree.Node node, long total, ReferenceKind kind, int depth, StringBuilder html) {
        List<CallTree.Node> chain = new ArrayList<>();
        chain.add(node);
        CallTree.Node last = node;
        while (depth > 0 && last.children().size() == 1 && last.directories().isEmpty()) {
            last = last.children().get(0);
            chain.add(last);
        }
        List<CallTree.Node> children = last.children();
        if (children.isEmpty()) {
            html.append("<li class=\"leaf\"><div class=\"row\">");
            row(chain, total, kind, depth == 0, html);
            html.append("</div>");
            ends(last, html);
            html.append("</li>\n");
            return;
        }
        html.append("<li><details").append(depth <= 1 ? " open" : "").append("><summary class=\"row\">");
        row(chain, total, kind, depth == 0, html);
        html.append("</summary>\n");
        ends(last, html);
        html.append("<ul>\n");
        for (CallTree.Node child : children) {
            node(child, total, kind, depth + 1, html);
        }
        html.append("</ul></details></li>\n");
    }

    private static void row(List<CallTree.Node> chain, long total, ReferenceKind kind, boolean isClass,
            StringBuilder html) {
        CallTree.Node first = chain.get(0);
        String percent = String.format(Locale.ROOT, "%.1f", 100.0 * first.users() / total);
        html.append("<span class=\"count\">").append(first.users()).append("</span>")
                .append("<span class=\"bar\" title=\"").append(percent).append("% of all ").append(kind.plural())
                .append("\">")
                .append("<span style=\"width:").append(percent).append("%\"></span></span>");
        if (isClass) {
            html.append("<span class=\"label cls\">").append(escape(first.label())).append("</span>");
            return;
        }
        html.append("<span class=\"frames\">");
        hidden(first.hiddenBefore(), html);
        html.append("<code class=\"label\">").append(escape(first.label())).append("</code>");
        CallTree.Node previous = first;
        for (CallTree.Node caller : chain.subList(1, chain.size())) {
            hidden(caller.hiddenBefore(), html);
            html.append("<code class=\"caller\">").append(escape(caller.label())).append("</code>");
            previous = caller;
        }
        hidden(previous.hiddenAfter(), html);
        html.append("</span>");
    }

    /** The visible marker of folded frames: {@code 2 frames hidden}. */
    private static void hidden(int frames, StringBuilder html) {
        if (frames > 0) {
            html.append("<span class=\"hidden-frames\" title=\"reflection, launcher or framework frames; ")
                    .append("'reftrack report --all-frames' shows them\">")
                    .append(Words.count(frames, "frame")).append(" hidden</span>");
        }
    }

    /**
     * The directories of the stacks that end at this node (their outermost recorded frame), each
     * with its holder names: holders belong to one directory's trackers, so they are never merged
     * across directories.
     */
    private static void ends(CallTree.Node node, StringBuilder html) {
        if (node.directories().isEmpty()) {
            return;
        }
        html.append("<div class=\"ends\">in ");
        String separator = "";
        for (Map.Entry<String, Long> dir : node.directories().entrySet()) {
            html.append(separator).append("<code>").append(escape(dir.getKey())).append("</code> &times;")
                    .append(dir.getValue());
            Set<String> holders = node.holders(dir.getKey());
            if (!holders.isEmpty()) {
                html.append(" held by <b>").append(escape(String.join(", ", holders))).append("</b>");
            }
            separator = "; ";
        }
        html.append("</div>\n");
    }

    private static void reportTexts(List<LeakReport> reports, StringBuilder html) {
        if (reports.isEmpty()) {
            return;
        }
        html.append("<h2>Reports</h2>\n");
        for (LeakReport report : reports) {
            html.append("<details class=\"report\"><summary><code>").append(escape(report.dirName()))
                    .append("</code> has ").append(Words.count(report.totalUsers(), "user")).append(" in ")
                    .append(Words.count(report.groups().size(), "group"))
                    .append("</summary>\n<pre>").append(escape(report.toString())).append("</pre></details>\n");
        }
    }

    private static void otherEvents(List<ReportJson.Item> others, StringBuilder html) {
        if (others.isEmpty()) {
            return;
        }
        html.append("<h2>Other events</h2>\n");
        for (ReportJson.Item item : others) {
            html.append("<pre>");
            if (item.heading() != null) {
                html.append(escape(item.heading())).append('\n');
            }
            html.append(escape(item.text())).append("</pre>\n");
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
