#!/usr/bin/env bash
# Rewrites every "Real output" block of the documentation from real runs: the blocks between
# <!-- output:NAME --> and <!-- /output --> in README.md, reftrack-cli/README.md,
# delayed-inode/README.md, reftrack-junit5/README.md and reftrack-maven-plugin/README.md, every
# <!-- snippet:PATH#REGION --> quote of a source file, and docs/report-screenshot.html (and its PNG when Chromium is installed).
# The build's DocOutputsTest and scripts/check-examples.sh fail when a block no longer matches;
# run this, then review `git diff`.
#
#   scripts/regenerate-outputs.sh [--skip-examples] [MAVEN ARGS...]
#
# The JUnit failure block and the plugin README's plugin-* blocks come from examples/ and
# examples/netty-suite, built against the installed artifacts by scripts/check-examples.sh: run
# `mvn -B -ntp install -DskipTests` first, or pass --skip-examples to leave those blocks alone
# (NETTY_SUITE=false leaves the plugin-* blocks alone).
# Takes about a minute: the demo runs behind the blocks end at kill-all deadlines of 2 s.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
skip_examples=false
if [[ "${1:-}" == "--skip-examples" ]]; then
  skip_examples=true
  shift
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"

keep_block() { # file, block name, saved output: hands the generator the block's text as it is
  mkdir -p examples/target
  awk -v start="<!-- output:$2 -->" 'index($0, start) { on = 1; next } /<!-- \/output -->/ { on = 0 }
    on && !/^```/' "$1" >"$3"
}
if [[ "$skip_examples" == false ]]; then
  echo "regenerate-outputs: building examples/ for the JUnit failure and the plugin's netty-suite" >&2
  CHECK_DOCS=false scripts/check-examples.sh "$@"
else
  keep_block README.md junit-failure examples/target/planted-failure.txt
fi
if [[ "$skip_examples" == true || "${NETTY_SUITE:-true}" == false ]]; then
  for block in leak baseline baseline-json fixed help; do
    keep_block reftrack-maven-plugin/README.md "plugin-$block" "examples/target/netty-suite-$block.txt"
  done
fi

echo "regenerate-outputs: compiling reftrack-cli and its tests" >&2
log="$work/mvn.log"
if ! mvn -B -ntp -q -pl reftrack-cli -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$work/classpath" "$@" >"$log" 2>&1; then
  cat "$log" >&2
  echo "regenerate-outputs: the build failed; see the Maven output above" >&2
  exit 1
fi

java_cmd="java"
if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  java_cmd="$JAVA_HOME/bin/java"
fi
classpath="reftrack-cli/target/test-classes:reftrack-cli/target/classes:$(cat "$work/classpath")"
"$java_cmd" -Djava.util.logging.config.file=reftrack-cli/src/test/resources/logging.properties \
  -cp "$classpath" io.github.reftrack.cli.DocOutputs

if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1; then
  scripts/screenshot-report.sh
else
  echo "regenerate-outputs: no Chromium, so docs/report-screenshot.png is unchanged (the HTML page is new)" >&2
fi
echo "regenerate-outputs: done; review with 'git diff'" >&2
