#!/usr/bin/env bash
# Issue 19's short-run scenario, whole processes: example.scenario.ShortRun (pooled Netty buffers
# through an EmbeddedChannel, a handler that retain()s each frame for a journal, 50,000 frames,
# -XX:+DisableExplicitGC) with no agent (Netty SIMPLE), Netty PARANOID, reftrack-agent off /
# sample / full (its class cache in the output directory, filled by the first round), full again
# with -Dreftrack.cache=off (a first run) and JaCoCo's agent, each also at 0 frames (start-up
# alone); interleaved rounds;
# CPU (user + sys) per process from /usr/bin/time; every run checked clean (no leak report from
# Netty or reftrack, no reftrack event, every frame released once). Prints Markdown tables.
#   benchmarks/scenarios/short-run.sh                       # 5 rounds, the java on PATH / $JAVA_HOME
#   ROUNDS=9 benchmarks/scenarios/short-run.sh --frames 100000
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/scenarios/short-run.sh
# Each run's output and timing, and the table (table.md), go to benchmarks/target/scenarios/short-run.
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/scenarios/build-if-needed.sh
exec "$java" -cp benchmarks/target/classes io.github.reftrack.bench.scenario.ShortRunBench \
    --rounds "${ROUNDS:-5}" "$@"
