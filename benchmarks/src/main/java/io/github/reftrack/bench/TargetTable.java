package io.github.reftrack.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets of the benchmark issue, checked against one run's scores: each row shows the two
 * measurements, their ratio with its propagated error, and ✔ or ✘ on the ratio's mean. Rows whose
 * benchmarks did not run are left out. Then every score, as measured.
 */
final class TargetTable {
    private static final String[] DEPTHS = {"8", "40", "200"};

    private final Map<String, Score> scores;
    private final Map<String, Double> memory;
    private final StringBuilder out = new StringBuilder();

    TargetTable(Map<String, Score> scores, Map<String, Double> memory) {
        this.scores = scores;
        this.memory = memory;
    }

    String render() {
        out.append("| target | measured | ratio | |\n|---|---|---|---|\n");
        for (String depth : DEPTHS) {
            timeRatio("off ≤ 1.05× AtomicInteger, depth " + depth, pair("reftrackOff", depth),
                    pair("atomicInteger", depth), 1.05, true);
        }
        timeRatio("sample (1/128) ≤ 2× AtomicInteger, depth 40", pair("reftrackSample", "40"),
                pair("atomicInteger", "40"), 2.0, true);
        for (String depth : DEPTHS) {
            timeRatio("sample (1/128) ≤ 1.0× Netty SIMPLE, depth " + depth, pair("reftrackSample", depth),
                    pair("nettySimple", depth), 1.0, true);
        }
        for (String depth : DEPTHS) {
            timeRatio("sample, native capture: depth " + depth + " (no target; reported)",
                    pair("reftrackSampleNative", depth), pair("nettySimple", depth), Double.NaN, true);
        }
        for (String depth : DEPTHS) {
            timeRatio("sample, auto capture: depth " + depth + " (no target; reported)",
                    pair("reftrackSampleAuto", depth), pair("nettySimple", depth), Double.NaN, true);
        }
        timeRatio("sample, two threads each on its own directory: ≥ 1.0× Netty SIMPLE (throughput)",
                "ContentionBenchmark.ownDirectory mode=SAMPLE", "ContentionBenchmark.nettySimple", 1.0, false);
        for (String depth : DEPTHS) {
            difference("sampled-out path ≤ AtomicInteger + 3 ns, depth " + depth, pair("reftrackSampledOut", depth),
                    pair("atomicInteger", depth), 3.0);
        }
        for (String depth : DEPTHS) {
            timeRatio("full ≤ 1.0× Netty PARANOID, depth " + depth, pair("reftrackFull", depth),
                    pair("nettyParanoid", depth), 1.0, true);
        }
        timeRatio("full, native capture: depth 8 (no target; reported)", pair("reftrackFullNative", "8"),
                pair("nettyParanoid", "8"), Double.NaN, true);
        timeRatio("full, native capture ≤ 0.5× Netty PARANOID, depth 40", pair("reftrackFullNative", "40"),
                pair("nettyParanoid", "40"), 0.5, true);
        timeRatio("full, native capture ≤ 0.25× Netty PARANOID, depth 200", pair("reftrackFullNative", "200"),
                pair("nettyParanoid", "200"), 0.25, true);
        autoRows();
        for (String depth : DEPTHS) {
            timeRatio("full ≤ 2.2× new Throwable(), depth " + depth, pair("reftrackFull", depth),
                    "CaptureBenchmark.newThrowable depth=" + depth, 2.2, true);
        }
        memoryRows();
        for (String mode : List.of("FULL", "SAMPLE", "SAMPLED_OUT")) {
            String name = mode.toLowerCase(Locale.ROOT).replace('_', ' ');
            timeRatio("contention, " + name + ": shared ≥ 0.7× two directories",
                    "ContentionBenchmark.sharedDirectory mode=" + mode, "ContentionBenchmark.ownDirectory mode=" + mode,
                    0.7, false);
        }
        for (String threads : List.of("1", "2")) {
            String run = "WorkloadBenchmark.run threads=" + threads + " tracking=";
            String on = ", " + threads + (threads.equals("1") ? " traffic thread" : " traffic threads");
            timeRatio("port workload" + on + ": full ≥ 0.5× off (throughput)", run + "OFF", run + "FULL", 0.5, false);
            timeRatio("port workload" + on + ": sample ≥ 0.9× off (throughput)", run + "OFF", run + "SAMPLE", 0.9,
                    false);
            timeRatio("port workload" + on + ": full, native capture ≥ 0.5× off (throughput)", run + "OFF",
                    "WorkloadBenchmark.runNative threads=" + threads + " tracking=FULL", 0.5, false);
        }
        absolute("report(16), 10,000 trackers, first (raw stacks) < 50 ms", "ReportBenchmark.reportCold", 50);
        absolute("report(16), 10,000 trackers, first, native capture < 20 ms", "ReportBenchmark.reportColdNative", 20);
        absolute("report(16), 10,000 trackers, again (interned) < 50 ms", "ReportBenchmark.reportWarm", 50);
        agentRows();
        out.append("\n| benchmark | score | unit |\n|---|---|---|\n");
        scores.forEach((name, score) -> out.append("| ").append(name).append(" | ").append(score.format())
                .append(" | ").append(score.unit()).append(" |\n"));
        memory.forEach((scenario, bytes) -> out.append(String.format(Locale.ROOT,
                "| MemoryFootprint %s | %.1f | bytes/reference |%n", scenario, bytes)));
        return out.toString();
    }

    private static String pair(String benchmark, String depth) {
        return "PairBenchmark." + benchmark + " depth=" + depth;
    }

    /**
     * A row comparing two scores; {@code atMost} says whether the ratio must stay below the limit.
     * A {@code NaN} limit reports the ratio without a target.
     */
    private void timeRatio(String target, String numerator, String denominator, double limit, boolean atMost) {
        Score a = scores.get(numerator);
        Score b = scores.get(denominator);
        if (a == null || b == null) {
            return;
        }
        Score ratio = a.over(b);
        String measured = a.format() + " / " + b.format() + " " + a.unit();
        if (Double.isNaN(limit)) {
            out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(ratio.format())
                    .append("× | — |\n");
            return;
        }
        boolean met = atMost ? ratio.value() <= limit : ratio.value() >= limit;
        row(target, measured, ratio.format() + "×", met);
    }

    /** Full mode with the capture chosen per call: below PARANOID, and never above the Java capture. */
    private void autoRows() {
        timeRatio("full, auto capture ≤ 0.5× Netty PARANOID, depth 40", pair("reftrackFullAuto", "40"),
                pair("nettyParanoid", "40"), 0.5, true);
        for (String depth : DEPTHS) {
            timeRatio("full, auto capture ≤ 1.05× full Java capture, depth " + depth, pair("reftrackFullAuto", depth),
                    pair("reftrackFull", depth), 1.05, true);
        }
    }

    /**
     * The agent on a Netty pipeline, ns per frame, against no agent and Netty's own detector (issue
     * 19's steady-state targets), and on file opens with the {@code closeable} profile.
     */
    private void agentRows() {
        String agent = "AgentPipelineBenchmark.";
        timeRatio("agent, mode off ≤ 1.05× no agent (Netty pipeline)", agent + "agentOff", agent + "noAgent", 1.05,
                true);
        timeRatio("agent, full ≤ 0.3× Netty PARANOID (Netty pipeline)", agent + "agentFull", agent + "nettyParanoid",
                0.3, true);
        timeRatio("agent, sample ≤ 1.0× Netty SIMPLE (Netty pipeline)", agent + "agentSample", agent + "nettySimple",
                1.0, true);
        String closeable = "CloseableBenchmark.";
        timeRatio("agent `closeable`, full: file open+close / no agent (no target; reported)",
                closeable + "agentCloseableFull", closeable + "noAgent", Double.NaN, true);
        timeRatio("agent `closeable`, sample: file open+close / no agent (no target; reported)",
                closeable + "agentCloseableSample", closeable + "noAgent", Double.NaN, true);
    }

    /** A row comparing a score with a baseline by their difference, which must stay below {@code limit}. */
    private void difference(String target, String measured, String baseline, double limit) {
        Score a = scores.get(measured);
        Score b = scores.get(baseline);
        if (a != null && b != null) {
            double diff = a.value() - b.value();
            row(target, a.format() + " − " + b.format() + " " + a.unit(),
                    String.format(Locale.ROOT, "%+.1f %s", diff, a.unit()), diff <= limit);
        }
    }

    private void absolute(String target, String benchmark, double limit) {
        Score score = scores.get(benchmark);
        if (score != null) {
            row(target, score.format() + " " + score.unit(), "", score.value() < limit);
        }
    }

    private void memoryRows() {
        Double reftrack = memory.get("reftrack-full");
        Double netty = memory.get("netty-paranoid");
        if (reftrack != null) {
            row("memory ≤ 64 bytes per live reference (full)", String.format(Locale.ROOT, "%.1f bytes", reftrack), "",
                    reftrack <= 64);
            row("memory ≤ 48 bytes per live interned reference (full)",
                    String.format(Locale.ROOT, "%.1f bytes", reftrack), "", reftrack <= 48);
        }
        Double rawNative = memory.get("raw-native");
        if (reftrack != null && rawNative != null) {
            out.append(String.format(Locale.ROOT, "| memory, young tracker with native raw frames, before promotion"
                    + " (no target; reported) | %.1f + %.1f bytes | | — |%n", reftrack, rawNative));
        }
        if (reftrack != null && netty != null) {
            row("memory ≤ 1/5 of Netty PARANOID per tracked object",
                    String.format(Locale.ROOT, "%.1f / %.1f bytes", reftrack, netty),
                    String.format(Locale.ROOT, "%.3f×", reftrack / netty), reftrack / netty <= 0.2);
        }
    }

    private void row(String target, String measured, String ratio, boolean met) {
        out.append("| ").append(target).append(" | ").append(measured).append(" | ").append(ratio).append(" | ")
                .append(met ? "✔" : "✘").append(" |\n");
    }
}
