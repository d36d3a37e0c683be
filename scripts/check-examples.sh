#!/usr/bin/env bash
# Builds examples/ as an outside project would, against the reftrack artifacts in the local Maven
# repository (install them first: mvn -B -ntp install -DskipTests), and runs its tests; then runs
# the test that leaks on purpose (ChannelTest.handlesEmptyMessage, tag "planted") and checks that
# it fails with reftrack-junit5's leak report naming the line of the planted leak. Exits non-zero
# if anything differs. Extra arguments go to Maven (e.g. -Dmaven.repo.local=/tmp/m2 -o).
#
#   scripts/check-examples.sh [MAVEN ARGS...]
#
# Leaves the planted test's failure message in examples/target/planted-failure.txt, and checks
# that the <!-- output:junit-failure --> blocks of README.md and reftrack-junit5/README.md show
# it, modulo object ids and numbers other than line numbers (CHECK_DOCS=false skips that;
# scripts/regenerate-outputs.sh rewrites the blocks).
#
# Then examples/netty-suite (a plain Netty test suite under reftrack-maven-plugin, in a copy in a
# temporary directory): with the leak (-Dleak=true) mvn verify must fail naming the test and the
# retain() line; after mvn reftrack:baseline the same leak must pass; without the leak, check must
# list the baseline entry as fixed; with reftrack-junit5 turned off, the leak fails check itself.
# NETTY_SUITE=false skips it. Leaves each step's command and the plugin's lines of its output (see
# suite_save) in examples/target/netty-suite-*.txt, and the baseline in netty-suite-baseline-json.txt,
# and checks that the <!-- output:plugin-* --> blocks of reftrack-maven-plugin/README.md show them,
# as the junit-failure blocks (unless CHECK_DOCS=false).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
examples="$root/examples"
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' "$root/pom.xml" | head -n 1)"
if [[ -z "$version" ]]; then
  echo "check-examples: cannot read the project version from $root/pom.xml" >&2
  exit 1
fi
mvn_args=(-B -ntp -f "$examples/pom.xml" "-Dreftrack.version=$version" "$@")
log="$(mktemp)"
suite="$(mktemp -d)"
trap 'rm -f "$log"; rm -rf "$suite"' EXIT

echo "== examples: build and tests against reftrack $version" >&2
if ! mvn "${mvn_args[@]}" verify >"$log" 2>&1; then
  cat "$log" >&2
  echo "check-examples: the examples project failed to build or its tests failed (is reftrack $version installed?" \
    "run: mvn -B -ntp install -DskipTests)" >&2
  exit 1
fi
grep -E '^\[(INFO|WARNING)\] Tests run:' "$log" | tail -n 1 >&2

echo "== examples: the planted leak must fail its test" >&2
if mvn "${mvn_args[@]}" surefire:test -Dgroups=planted -Dexamples.excludedGroups=none -Dtest=ChannelTest \
    >"$log" 2>&1; then
  cat "$log" >&2
  echo "check-examples: ChannelTest.handlesEmptyMessage leaks on purpose but passed: @LeakChecked missed it" >&2
  exit 1
fi
report="$examples/target/surefire-reports/TEST-example.ChannelTest.xml"
line="$(grep -n 'the planted leak' "$examples/src/test/java/example/ChannelTest.java" | cut -d: -f1)"
expected="example.ChannelTest.handlesEmptyMessage(ChannelTest.java:$line)"
if [[ ! -f "$report" ]] || ! grep -q 'io.github.reftrack.junit5.ReferenceLeakError' "$report" \
    || ! grep -qF "$expected" "$report"; then
  cat "$log" >&2
  echo "check-examples: the planted test did not fail with a ReferenceLeakError naming $expected" >&2
  exit 1
fi
# the failure message, from the report's stack trace (CDATA, so no unescaping), down to its first "at"
awk 'BEGIN { RS = "\0" } {
  start = index($0, "<![CDATA[io.github.reftrack.junit5.ReferenceLeakError:"); if (!start) exit 1
  text = substr($0, start + 9); stop = index(text, "\n\tat "); if (stop) text = substr(text, 1, stop - 1)
  sub(/ReferenceLeakError: *\n/, "ReferenceLeakError: ", text); sub(/\n+$/, "", text); print text }' \
  "$report" >"$examples/target/planted-failure.txt" || {
  echo "check-examples: no ReferenceLeakError stack trace in $report" >&2
  exit 1
}
echo "check-examples: the planted leak failed naming $expected" >&2

# what varies between runs, as DocOutputs.normalize: object ids, and numbers but line numbers
normalize() {
  perl -pe 's/@[0-9a-f]{16}/\@ID/g; s/(?<![0-9])(?<!\.java:)(?<!"line":)[0-9]+/N/g; s/\bN(, N)+/N/g;
            s/\b(N [a-z ]*?[a-z])s\b/$1/g; s/\(inodes N/(inode N/g'
}
check_block() { # file, block name, saved output: exits if the <!-- output:NAME --> block differs from it
  awk -v start="<!-- output:$2 -->" 'index($0, start) { on = 1; next } /<!-- \/output -->/ { on = 0 }
    on && !/^```/' "$root/$1" | normalize >"$log.doc"
  if ! normalize <"$3" | diff -u "$log.doc" - >&2; then
    echo "check-examples: the $2 block of $1 no longer shows the output in $3;" \
      "run scripts/regenerate-outputs.sh" >&2
    rm -f "$log.doc"
    exit 1
  fi
  rm -f "$log.doc"
}
if [[ "${CHECK_DOCS:-true}" != false ]]; then
  for doc in README.md reftrack-junit5/README.md; do
    check_block "$doc" junit-failure "$examples/target/planted-failure.txt"
  done
  echo "check-examples: the junit-failure blocks show it" >&2
fi

suite_step() { # description, then Maven arguments; exits if Maven's result is not the expected one
  local expect="$1" what="$2"
  shift 2
  local status=0
  step_args=("$@")
  mvn -B -ntp -f "$project/pom.xml" "-Dreftrack.version=$version" "${extra_args[@]}" "$@" >"$log" 2>&1 || status=$?
  if [[ "$expect" == pass && $status -ne 0 || "$expect" == fail && $status -eq 0 ]]; then
    cat "$log" >&2
    echo "check-examples: netty-suite: $what should $expect" >&2
    exit 1
  fi
}
suite_expect() { # fixed text the last step's log must contain
  if ! grep -qF -- "$1" "$log"; then
    cat "$log" >&2
    echo "check-examples: netty-suite: expected in the output: $1" >&2
    exit 1
  fi
}
suite_save() { # name: adds the last step's command and the plugin's lines to examples/target/netty-suite-NAME.txt
  # the plugin's lines: those of its goals but prepare-agent (up to Maven's next blank or separator
  # line; no trailing blank lines), BUILD SUCCESS/FAILURE and the "Failed to execute goal" line;
  # the temporary directory reads as ...
  echo "\$ mvn ${step_args[*]}" >>"$examples/target/netty-suite-$1.txt"
  sed "s|$suite/|.../|g" "$log" | awk '
    /^\[INFO\] --- reftrack-maven-plugin:/ && !/:prepare-agent / { on = 1 }
    /^\[INFO\] -*$/ { on = 0; blank = "" }
    on && /^$/ { blank = blank "\n"; next }
    on || /^\[INFO\] BUILD / || /^\[ERROR\] Failed to execute goal/ { printf "%s%s\n", blank, $0; blank = "" }' \
    >>"$examples/target/netty-suite-$1.txt"
}
if [[ "${NETTY_SUITE:-true}" != false ]]; then
  extra_args=("$@")
  project="$suite/netty-suite"
  mkdir "$project"
  cp -r "$examples/netty-suite/." "$project/"
  rm -rf "$project/target" "$project/reftrack-baseline.json"
  rm -f "$examples"/target/netty-suite-*.txt
  retain="$(grep -n 'last = frame.retain()' "$project/src/main/java/example/netty/FrameCache.java" | cut -d: -f1)"
  leak_at="example.netty.FrameCache.remember(FrameCache.java:$retain)"

  echo "== examples/netty-suite: the leaking test fails, naming its retain() line" >&2
  suite_step fail "mvn verify -Dleak=true" verify -Dleak=true
  suite_expect "Tests run: 4, Failures: 1, Errors: 0"
  suite_expect "FrameCacheTest.keepsTheLastFrame"
  suite_expect "leak check failed for keepsTheLastFrame()"
  suite_expect "netty_bytebuf born in FrameCacheTest.keepsTheLastFrame() has 1/1 users at"
  suite_expect "     $leak_at"
  no_junit5=-Djunit.jupiter.extensions.autodetection.enabled=false
  suite_step fail "mvn verify -Dleak=true $no_junit5 (check alone)" verify -Dleak=true "$no_junit5"
  suite_expect "reftrack: new leak (not in reftrack-baseline.json):"
  suite_expect "$leak_at"
  suite_save leak

  echo "== examples/netty-suite: with the leak in the baseline, the same run passes" >&2
  suite_step pass "mvn reftrack:baseline" reftrack:baseline
  suite_expect "with 1 entr(ies)"
  suite_expect "leak at $leak_at"
  suite_save baseline
  awk 1 "$project/reftrack-baseline.json" >"$examples/target/netty-suite-baseline-json.txt"
  suite_step pass "mvn verify -Dleak=true with the leak in the baseline" verify -Dleak=true
  suite_expect "Tests run: 4, Failures: 0, Errors: 0"
  suite_expect "reftrack: 1 distinct problem(s), 0 new, 0 baseline entr(ies) fixed"
  suite_save baseline

  echo "== examples/netty-suite: the leak fixed, check lists the stale baseline entry" >&2
  suite_step pass "mvn verify without the leak" verify
  suite_expect "reftrack: fixed: remove from the baseline:"
  suite_expect "$leak_at"
  suite_save fixed
  suite_step pass "mvn reftrack:help" reftrack:help
  suite_save help
  echo "check-examples: netty-suite failed, accepted and reported the fixed leak as expected" >&2
  if [[ "${CHECK_DOCS:-true}" != false ]]; then
    for block in leak baseline baseline-json fixed help; do
      check_block reftrack-maven-plugin/README.md "plugin-$block" "$examples/target/netty-suite-$block.txt"
    done
    echo "check-examples: the plugin-* blocks of reftrack-maven-plugin/README.md show them" >&2
  fi
fi
echo "check-examples: ok" >&2
