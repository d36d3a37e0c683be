#!/usr/bin/env bash
# Renders a reftrack JSON report as HTML with `reftrack report --html` and takes a screenshot of
# the page in headless Chromium, to check by eye that the page renders (the tests check its
# content, not its looks, and never need a browser).
#
#   scripts/screenshot-report.sh [REPORT.json] [OUT.png] [WIDTHxHEIGHT]
#
# Without REPORT.json, the reports come from `reftrack demo --inject-leak SITE --json`, once for
# every injection site. OUT.png defaults to docs/report-screenshot.png; the page itself is kept
# beside it (OUT.html). Chromium: `apt-get install chromium`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${2:-$root/docs/report-screenshot.png}"
size="${3:-1280x900}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "screenshot-report: no Chromium found; install it (Debian: apt-get install -y chromium)" >&2
  exit 1
fi

jsons=()
if [[ -n "${1:-}" ]]; then
  jsons=("$1")
else
  while read -r site _; do
    status=0
    "$root/reftrack" demo --inject-leak "$site" --json >"$work/$site.json" 2>/dev/null || status=$?
    if [[ "$status" -ne 3 ]]; then
      echo "screenshot-report: expected 'reftrack demo --inject-leak $site' to find leaks (exit 3), got $status" >&2
      exit 1
    fi
    jsons+=("$work/$site.json")
  done < <("$root/reftrack" demo --list-sites)
fi

# exit 3: the reports hold leaks, as they should here
status=0
"$root/reftrack" report "${jsons[@]}" --html "$work/report.html" >&2 || status=$?
if [[ "$status" -ne 0 && "$status" -ne 3 ]]; then
  echo "screenshot-report: 'reftrack report --html' failed with exit $status" >&2
  exit 1
fi
cp "$work/report.html" "${out%.png}.html"
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$work/report.html" >"$work/chromium.log" 2>&1 || {
    cat "$work/chromium.log" >&2
    echo "screenshot-report: Chromium failed" >&2
    exit 1
  }
[[ -s "$out" ]] || { echo "screenshot-report: Chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out" >&2
