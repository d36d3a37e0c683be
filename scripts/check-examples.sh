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
trap 'rm -f "$log"' EXIT

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

if [[ "${CHECK_DOCS:-true}" != false ]]; then
  # what varies between runs, as DocOutputs.normalize: object ids, and numbers but line numbers
  normalize() {
    perl -pe 's/@[0-9a-f]{16}/\@ID/g; s/(?<![0-9])(?<!\.java:)(?<!"line":)[0-9]+/N/g; s/\bN(, N)+/N/g;
              s/\b(N [a-z ]*?[a-z])s\b/$1/g; s/\(inodes N/(inode N/g'
  }
  for doc in README.md reftrack-junit5/README.md; do
    awk '/<!-- output:junit-failure -->/ { on = 1; next } /<!-- \/output -->/ { on = 0 } on && !/^```/' \
      "$root/$doc" | normalize >"$log.doc"
    if ! normalize <"$examples/target/planted-failure.txt" | diff -u "$log.doc" - >&2; then
      echo "check-examples: the junit-failure block of $doc no longer shows the planted failure;" \
        "run scripts/regenerate-outputs.sh" >&2
      rm -f "$log.doc"
      exit 1
    fi
  done
  rm -f "$log.doc"
  echo "check-examples: the junit-failure blocks show it" >&2
fi
echo "check-examples: ok" >&2
