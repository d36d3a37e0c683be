package io.github.reftrack.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 19's end-to-end service, measured: {@code example.scenario.ObjectStoreService} (a Netty HTTP
 * object store driven on loopback by keep-alive clients in the same process) as whole processes,
 * with no agent (Netty SIMPLE), Netty PARANOID, and reftrack-agent ({@code netty}) off, sample and
 * full; interleaved rounds; requests per second over the measured window and process CPU per
 * request. Prints Markdown tables (also written to {@code table.md} in {@code --out}).
 *
 * <p>Run by {@code benchmarks/scenarios/http-service.sh}; options {@code --rounds --connections
 * --warmup --seconds --body --out --agent --class-path}.
 */
public final class HttpServiceBench {
    private static final String PROGRAM = "example.scenario.ObjectStoreService";

    private HttpServiceBench() {
    }

    /**
     * Runs the rounds and prints the tables; a bad option, a missing file or a run that fails or is not
     * clean ends it with one line naming what to do, and status 2.
     *
     * @param args options
     * @throws Exception if a process cannot be run
     */
    public static void main(String[] args) throws Exception {
        try {
            measure(args);
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("http-service: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(String[] args) throws Exception {
        ScenarioOptions options = new ScenarioOptions(Map.of("rounds", "5", "connections", "4", "warmup", "5",
                "seconds", "10", "body", "1024", "out", "benchmarks/target/scenarios/http-service",
                "agent", ScenarioOptions.AGENT, "class-path", ScenarioOptions.CLASS_PATH), args);
        Path out = Files.createDirectories(Path.of(options.text("out")));
        List<String> programArgs = List.of(options.text("connections"), options.text("warmup"),
                options.text("seconds"), options.text("body"));
        String agent = "-javaagent:" + options.file("agent", "build it with mvn -pl reftrack-agent -am package"
                + " -DskipTests") + "=netty";
        List<Variant> variants = List.of(
                variant("none", programArgs, false),
                variant("netty-paranoid", programArgs, false, "-Dio.netty.leakDetection.level=paranoid"),
                variant("agent-off", programArgs, true, agent, "-Dreftrack.mode=off"),
                variant("agent-sample", programArgs, true, agent, "-Dreftrack.mode=sample"),
                variant("agent-full", programArgs, true, agent, "-Dreftrack.mode=full"));
        String start = Conditions.line("start");
        List<Map<String, Sample>> rounds = new Rounds(new WholeProcess(ScenarioOptions.java(),
                options.text("class-path"), PROGRAM, out), variants).run(options.number("rounds"));
        String table = start + "\n" + Conditions.line("end") + "\n\n" + render(rounds, programArgs);
        Files.writeString(out.resolve("table.md"), table);
        System.out.println(table);
    }

    private static Variant variant(String name, List<String> args, boolean reftrack, String... options) {
        List<String> jvm = new ArrayList<>(List.of("-XX:+DisableExplicitGC"));
        jvm.addAll(List.of(options));
        return new Variant(name, jvm, args, reftrack);
    }

    static String render(List<Map<String, Sample>> rounds, List<String> args) {
        StringBuilder text = new StringBuilder();
        text.append(args.get(0)).append(" keep-alive connections, ").append(args.get(3))
                .append("-byte PUT bodies (every fourth request a GET), ").append(args.get(1))
                .append(" s warm-up (and at least 2,000 requests), ").append(args.get(2))
                .append(" s measured; median (min–max) of ").append(rounds.size()).append(" interleaved rounds.\n\n")
                .append("| run | requests/s | CPU µs per request (process) |\n|---|---|---|\n");
        String[][] rows = {{"none", "no agent (Netty SIMPLE, its default)"}, {"netty-paranoid", "Netty PARANOID"},
            {"agent-off", "reftrack-agent `mode=off`"}, {"agent-sample", "reftrack-agent `sample`"},
            {"agent-full", "reftrack-agent `full`"}};
        for (String[] row : rows) {
            text.append("| ").append(row[1]).append(" | ")
                    .append(ShortRunBench.perRound(rounds, r -> rate(r, row[0])).format(4)).append(" | ")
                    .append(ShortRunBench.perRound(rounds, r -> r.get(row[0]).result("cpu-us/request")).format(3))
                    .append(" |\n");
        }
        text.append("\n| target | throughput ratio per round, median (min–max) | |\n|---|---|---|\n");
        target(text, rounds, "agent sample ≥ 0.95× Netty SIMPLE (no agent)", "agent-sample", "none", 0.95);
        target(text, rounds, "agent full ≥ 2× Netty PARANOID", "agent-full", "netty-paranoid", 2.0);
        target(text, rounds, "agent off / no agent (no target; reported)", "agent-off", "none", Double.NaN);
        text.append("\nThe same ratios from CPU per request (anchor's / variant's), steadier than requests/s when"
                + " the machine is shared; no target:\n\n| ratio | per round, median (min–max) |\n|---|---|\n");
        cpuRatio(text, rounds, "agent sample vs Netty SIMPLE", "agent-sample", "none");
        cpuRatio(text, rounds, "agent full vs Netty PARANOID", "agent-full", "netty-paranoid");
        cpuRatio(text, rounds, "agent off vs no agent", "agent-off", "none");
        return text.toString();
    }

    private static void cpuRatio(StringBuilder text, List<Map<String, Sample>> rounds, String label, String variant,
            String anchor) {
        Spread ratio = ShortRunBench.perRound(rounds,
                r -> r.get(anchor).result("cpu-us/request") / r.get(variant).result("cpu-us/request"));
        text.append("| ").append(label).append(" | ").append(ratio.format(3, "×")).append(" |\n");
    }

    private static double rate(Map<String, Sample> round, String variant) {
        return round.get(variant).result("requests/s");
    }

    private static void target(StringBuilder text, List<Map<String, Sample>> rounds, String label, String variant,
            String anchor, double atLeast) {
        Spread ratio = ShortRunBench.perRound(rounds, r -> rate(r, variant) / rate(r, anchor));
        String mark = Double.isNaN(atLeast) ? "—" : ratio.median() >= atLeast ? "✔" : "✘";
        text.append("| ").append(label).append(" | ").append(ratio.format(3, "×")).append(" | ").append(mark)
                .append(" |\n");
    }
}
