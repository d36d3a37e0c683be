package io.github.reftrack.maven;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes {@code report.html}, {@code leaks.json} and {@code summary.txt} for one verdict. */
final class ReportFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {
    }

    static void write(Path dir, EventLogs logs, Verdict verdict) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("leaks.json"), json(logs, verdict));
        Files.writeString(dir.resolve("summary.txt"), String.join(System.lineSeparator(), summary(logs, verdict))
                + System.lineSeparator());
        Files.writeString(dir.resolve("report.html"), html(logs, verdict));
    }

    /** One line of counts, then each group and each stale baseline entry. */
    static List<String> summary(EventLogs logs, Verdict verdict) {
        List<String> lines = new ArrayList<>();
        lines.add("reftrack: " + verdict.groups().size() + " distinct problem(s), " + verdict.fresh().size()
                + " new, " + verdict.stale().size() + " baseline entr(ies) fixed; " + logs.files().size()
                + " log(s), " + logs.corrupt().size() + " corrupt line(s) skipped");
        for (LeakGroup group : verdict.groups()) {
            lines.add("");
            lines.add(verdict.fresh().contains(group) ? "NEW" : "in baseline");
            lines.addAll(LeakText.lines(group));
        }
        for (Baseline.Entry entry : verdict.stale()) {
            lines.add("fixed: remove from the baseline: " + entry.fingerprint() + " " + entry.firstFrame());
        }
        return lines;
    }

    private static String json(EventLogs logs, Verdict verdict) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (LeakGroup group : verdict.groups()) {
            ObjectNode node = JSON.valueToTree(group);
            node.put("kind", group.kind().parameterName());
            node.put("new", verdict.fresh().contains(group));
            groups.add(node);
        }
        ArrayNode stale = root.putArray("fixed");
        verdict.stale().forEach(e -> stale.add(JSON.valueToTree(e)));
        root.putPOJO("logs", logs.files());
        root.putPOJO("corruptLines", logs.corrupt());
        return JSON.writeValueAsString(root) + System.lineSeparator();
    }

    private static String html(EventLogs logs, Verdict verdict) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>reftrack report</title>\n")
                .append("<style>body{font-family:sans-serif} pre{background:#f4f4f4;padding:.5em}")
                .append(" .new{color:#b00}</style></head><body>\n<h1>reftrack report</h1>\n");
        List<String> summary = summary(logs, verdict);
        out.append("<p>").append(escape(summary.get(0))).append("</p>\n");
        for (LeakGroup group : verdict.groups()) {
            boolean fresh = verdict.fresh().contains(group);
            out.append("<h2").append(fresh ? " class=\"new\">New: " : ">In the baseline: ")
                    .append(escape(group.className())).append("</h2>\n<pre>");
            out.append(escape(String.join("\n", LeakText.lines(group)))).append("</pre>\n");
        }
        if (!verdict.stale().isEmpty()) {
            out.append("<h2>Fixed: remove from the baseline</h2>\n<ul>\n");
            verdict.stale().forEach(e -> out.append("<li><code>").append(escape(e.fingerprint())).append("</code> ")
                    .append(escape(e.firstFrame())).append("</li>\n"));
            out.append("</ul>\n");
        }
        if (!logs.corrupt().isEmpty()) {
            out.append("<h2>Corrupt log lines (skipped)</h2>\n<ul>\n");
            logs.corrupt().forEach(c -> out.append("<li>").append(escape(c)).append("</li>\n"));
            out.append("</ul>\n");
        }
        return out.append("</body></html>\n").toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
