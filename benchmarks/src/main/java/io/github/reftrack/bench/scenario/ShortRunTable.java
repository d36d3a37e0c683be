package io.github.reftrack.bench.scenario;

import java.util.List;
import java.util.Map;

/** The short-run scenario's tables, from its rounds. */
final class ShortRunTable {
    private static final String[] VARIANTS = {"none", "netty-paranoid", "agent-off", "agent-sample", "agent-full",
        "agent-full-uncached", "jacoco"};
    private static final String[] LABELS = {"no agent (Netty SIMPLE, its default)", "Netty PARANOID",
        "reftrack-agent `mode=off`", "reftrack-agent `sample`", "reftrack-agent `full`",
        "reftrack-agent `full`, `-Dreftrack.cache=off` (a first run)", "JaCoCo agent (yardstick)"};

    private final List<Map<String, Sample>> rounds;
    private final int frames;

    ShortRunTable(List<Map<String, Sample>> rounds, int frames) {
        this.rounds = rounds;
        this.frames = frames;
    }

    String render() {
        StringBuilder text = new StringBuilder();
        text.append("CPU seconds (user + system) per process, median (min–max) of ").append(rounds.size())
                .append(" interleaved rounds; µs per frame = (CPU at ").append(frames)
                .append(" frames − CPU at 0 frames) / frames, per round.\n\n")
                .append("| run | CPU s, ").append(frames)
                .append(" frames | CPU s, 0 frames (start-up) | µs CPU per frame | wall s, ").append(frames)
                .append(" frames |\n|---|---|---|---|---|\n");
        for (int i = 0; i < VARIANTS.length; i++) {
            String full = ShortRunBench.name(VARIANTS[i], frames);
            String zero = ShortRunBench.name(VARIANTS[i], 0);
            text.append("| ").append(LABELS[i]).append(" | ").append(cpu(full).format(3)).append(" | ")
                    .append(cpu(zero).format(3)).append(" | ").append(perFrame(full, zero).format(3)).append(" | ")
                    .append(ShortRunBench.perRound(rounds, r -> r.get(full).wallSeconds()).format(3)).append(" |\n");
        }
        text.append("\n| target | measured per round, median (min–max) | |\n|---|---|---|\n");
        ratio(text, "agent full ≤ 1.0× Netty PARANOID (CPU, whole process)", "agent-full", "netty-paranoid", 1.0);
        ratio(text, "agent sample ≤ 1.2× no agent, Netty SIMPLE (CPU, whole process)", "agent-sample", "none", 1.2);
        ratio(text, "agent off ≤ 1.05× no agent (CPU, whole process)", "agent-off", "none", 1.05);
        startUp(text, "agent sample", "agent-sample");
        startUp(text, "agent full", "agent-full");
        startUp(text, "agent full, class cache off (a first run; no target)", "agent-full-uncached");
        startUp(text, "JaCoCo (yardstick, no target)", "jacoco");
        perFrameRatio(text, "per frame, agent full / Netty PARANOID (no target; reported)", "agent-full",
                "netty-paranoid");
        perFrameRatio(text, "per frame, agent sample / no agent (no target; reported)", "agent-sample", "none");
        return text.toString();
    }

    private Spread cpu(String name) {
        return ShortRunBench.perRound(rounds, r -> r.get(name).cpuSeconds());
    }

    private Spread perFrame(String full, String zero) {
        return ShortRunBench.perRound(rounds,
                r -> (r.get(full).cpuSeconds() - r.get(zero).cpuSeconds()) * 1e6 / frames);
    }

    private void ratio(StringBuilder text, String target, String variant, String anchor, double limit) {
        String a = ShortRunBench.name(variant, frames);
        String b = ShortRunBench.name(anchor, frames);
        Spread ratio = ShortRunBench.perRound(rounds, r -> r.get(a).cpuSeconds() / r.get(b).cpuSeconds());
        row(text, target, ratio.format(3, "×"), ratio.median() <= limit);
    }

    private void startUp(StringBuilder text, String label, String variant) {
        String a = ShortRunBench.name(variant, 0);
        String b = ShortRunBench.name("none", 0);
        Spread extra = ShortRunBench.perRound(rounds, r -> r.get(a).cpuSeconds() - r.get(b).cpuSeconds());
        boolean yardstick = variant.equals("jacoco") || variant.equals("agent-full-uncached");
        row(text, "start-up (0 frames): " + label + (yardstick ? "" : " ≤ +0.3 s CPU over no agent"),
                "+" + extra.format(2, " s"), yardstick ? null : extra.median() <= 0.3);
    }

    private void perFrameRatio(StringBuilder text, String label, String variant, String anchor) {
        String af = ShortRunBench.name(variant, frames);
        String az = ShortRunBench.name(variant, 0);
        String bf = ShortRunBench.name(anchor, frames);
        String bz = ShortRunBench.name(anchor, 0);
        Spread ratio = ShortRunBench.perRound(rounds, r -> (r.get(af).cpuSeconds() - r.get(az).cpuSeconds())
                / (r.get(bf).cpuSeconds() - r.get(bz).cpuSeconds()));
        row(text, label, ratio.format(3, "×"), null);
    }

    private static void row(StringBuilder text, String target, String measured, Boolean met) {
        text.append("| ").append(target).append(" | ").append(measured).append(" | ")
                .append(met == null ? "—" : met ? "✔" : "✘").append(" |\n");
    }
}
