#!/usr/bin/env bash
# Renders a reftrack JSON report as HTML with `reftrack report --html` and takes a screenshot of
# the page in headless Chromium, to check by eye that the page renders (the tests check its
# content, not its looks, and never need a browser).
#
#   scripts/screenshot-report.sh [REPORT.json] [OUT.png] [WIDTHxHEIGHT]
#
# Without REPORT.json, the report comes from `reftrack demo --inject-leak ASYNC_WORKER_RELEASE
# --json`. OUT.png defaults to docs/report-screenshot.png. Chromium: `apt-get install chromium`.
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

json="${1:-}"
if [[ -z "$json" ]]; then
  json="$work/report.json"
  status=0
  "$root/reftrack" demo --inject-leak async-worker-release --json >"$json" || status=$?
  if [[ "$status" -ne 3 ]]; then
    echo "screenshot-report: expected the demo to find leaks (exit 3), it exited with $status" >&2
    exit 1
  fi
fi

"$root/reftrack" report "$json" --html "$work/report.html" >&2
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --hide-scrollbars --user-data-dir="$work/profile" \
  --window-size="${size/x/,}" --screenshot="$out" "file://$work/report.html" >"$work/chromium.log" 2>&1 || {
    cat "$work/chromium.log" >&2
    echo "screenshot-report: Chromium failed" >&2
    exit 1
  }
[[ -s "$out" ]] || { echo "screenshot-report: Chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out" >&2
