#!/usr/bin/env bash
# Issue 19's end-to-end service, whole processes: example.scenario.ObjectStoreService (Netty
# HttpServerCodec + HttpObjectAggregator, request content retained for a journal thread that
# releases it, driven on loopback by keep-alive clients in the same process) with no agent (Netty
# SIMPLE), Netty PARANOID and reftrack-agent off / sample / full; interleaved rounds; requests/s
# and CPU per request; every run checked clean (every answer right, every retained content
# released, no leak report from Netty or reftrack, no reftrack event). Prints Markdown tables.
#   benchmarks/scenarios/http-service.sh                     # 5 rounds of 5 s warm-up + 10 s
#   ROUNDS=3 benchmarks/scenarios/http-service.sh --seconds 20 --connections 8
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 benchmarks/scenarios/http-service.sh
# Each run's output, and the table (table.md), go to benchmarks/target/scenarios/http-service.
set -euo pipefail
cd "$(dirname "$0")/../.."
. benchmarks/scenarios/build-if-needed.sh
exec "$java" -cp benchmarks/target/classes io.github.reftrack.bench.scenario.HttpServiceBench \
    --rounds "${ROUNDS:-5}" "$@"
