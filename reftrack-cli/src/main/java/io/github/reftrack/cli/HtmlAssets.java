package io.github.reftrack.cli;

/** The inline stylesheet and script of {@link HtmlReport}'s page; no external resources. */
final class HtmlAssets {
    static final String CSS = """
            :root { --fg: #1d2330; --muted: #667085; --line: #d8dde6; --accent: #c2410c; --bg: #ffffff; }
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
                   background: var(--bg); margin: 0; padding: 20px 28px; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 24px 0 6px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
            .meta, .hint { color: var(--muted); margin: 4px 0 10px; }
            code, pre { font: 12.5px/1.4 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
            table.summary { border-collapse: collapse; margin: 6px 0 10px; }
            table.summary th, table.summary td { border: 1px solid var(--line); padding: 3px 10px; text-align: left; }
            table.summary td:nth-child(n+2) { text-align: right; }
            .controls button { margin-right: 8px; padding: 3px 10px; border: 1px solid var(--line);
                               background: #f6f7f9; border-radius: 4px; cursor: pointer; }
            ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
            ul.tree ul { margin-left: 9px; padding-left: 12px; border-left: 1px dotted var(--line); }
            summary { cursor: pointer; }
            .row { display: flex; align-items: flex-start; gap: 8px; padding: 1px 0; white-space: nowrap; }
            .frames { display: flex; flex-direction: column; }
            .frames .caller { color: #4b5565; }
            .frames .caller::before { content: "\\2190  "; color: var(--muted); }
            summary.row { list-style: none; }
            summary.row::-webkit-details-marker { display: none; }
            summary.row::before { content: "\\25B8"; width: 12px; flex: none; color: var(--muted); }
            details[open] > summary.row::before { content: "\\25BE"; }
            li.leaf > .row { padding-left: 20px; }
            summary.row:hover { background: #f3f5f8; }
            .count { min-width: 3.2em; text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
            .bar { display: inline-block; width: 60px; height: 8px; margin-top: 6px; background: #eef0f4;
                   border-radius: 2px; flex: none; overflow: hidden; }
            .bar > span { display: block; height: 100%; background: var(--accent); }
            .label.cls { font-weight: 700; }
            .ends { margin: 0 0 4px 116px; color: var(--muted); font-size: 12.5px; }
            .ends b { color: var(--accent); font-weight: 600; }
            details.report { margin: 4px 0; }
            pre { background: #f6f7f9; border: 1px solid var(--line); padding: 8px 10px; overflow-x: auto; }
            .empty { color: var(--muted); font-style: italic; }
            .hidden-frames { color: var(--muted); font-size: 11.5px; font-style: italic; }
            .hidden-frames::before { content: "\\22EF  "; }
            """;

    static final String SCRIPT = """
            (function () {
              function setAll(open) {
                document.querySelectorAll('main details').forEach(function (d) { d.open = open; });
              }
              var expand = document.getElementById('expand');
              var collapse = document.getElementById('collapse');
              if (expand && collapse) {
                expand.addEventListener('click', function () { setAll(true); });
                collapse.addEventListener('click', function () { setAll(false); });
              }
            })();
            """;

    private HtmlAssets() {
    }
}
