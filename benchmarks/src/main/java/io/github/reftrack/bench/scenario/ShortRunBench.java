package io.github.reftrack.bench.scenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Issue 19's short runs, measured: {@code example.scenario.ShortRun} as whole processes, with no
 * agent (Netty SIMPLE, its default), Netty PARANOID, reftrack-agent ({@code netty}) in mode off,
 * sample and full, full again without its class cache (what the first JVM after a change pays),
 * and JaCoCo's agent as a yardstick; each at the given number of frames and at 0 (start-up alone),
 * all with {@code -XX:+DisableExplicitGC}; interleaved rounds; CPU time (user + system) per
 * process. The agent's class cache is kept in {@code --out}: the first round fills it. Prints
 * Markdown tables (also written to {@code table.md} in {@code --out}).
 *
 * <p>Run by {@code benchmarks/scenarios/short-run.sh}; options {@code --rounds --frames --out
 * --agent --jacoco --class-path}.
 */
public final class ShortRunBench {
    private static final String PROGRAM = "example.scenario.ShortRun";

    private ShortRunBench() {
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
            System.err.println("short-run: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void measure(String[] args) throws Exception {
        ScenarioOptions options = new ScenarioOptions(Map.of("rounds", "5", "frames", "50000",
                "out", "benchmarks/target/scenarios/short-run", "agent", ScenarioOptions.AGENT,
                "jacoco", ScenarioOptions.JACOCO, "class-path", ScenarioOptions.CLASS_PATH), args);
        Path out = Files.createDirectories(Path.of(options.text("out")));
        int frames = options.number("frames");
        List<Variant> variants = variants(options, out, frames);
        String start = Conditions.line("start");
        List<Map<String, Sample>> rounds = new Rounds(new WholeProcess(ScenarioOptions.java(),
                options.text("class-path"), PROGRAM, out), variants).run(options.number("rounds"));
        String table = start + "\n" + Conditions.line("end") + "\n\n" + new ShortRunTable(rounds, frames).render();
        Files.writeString(out.resolve("table.md"), table);
        System.out.println(table);
    }

    private static List<Variant> variants(ScenarioOptions options, Path out, int frames) {
        String agent = "-javaagent:" + options.file("agent", "build it with mvn -pl reftrack-agent -am package"
                + " -DskipTests") + "=netty";
        // the agent's class cache lives with the outputs: the first round fills it, the others use it
        String cache = "-Dreftrack.cache=" + out.resolve("class-cache").toAbsolutePath();
        String jacoco = "-javaagent:" + options.file("jacoco", "build the benchmarks module (mvn -pl benchmarks -am"
                + " package -DskipTests), which copies it there") + "=destfile=" + out.resolve("jacoco.exec")
                + ",append=false";
        List<Variant> variants = new ArrayList<>();
        for (int n : new int[] {frames, 0}) {
            variants.add(variant("none", n, false));
            variants.add(variant("netty-paranoid", n, false, "-Dio.netty.leakDetection.level=paranoid"));
            variants.add(variant("agent-off", n, true, agent, cache, "-Dreftrack.mode=off"));
            variants.add(variant("agent-sample", n, true, agent, cache, "-Dreftrack.mode=sample"));
            variants.add(variant("agent-full", n, true, agent, cache, "-Dreftrack.mode=full"));
            variants.add(variant("agent-full-uncached", n, true, agent, "-Dreftrack.mode=full",
                    "-Dreftrack.cache=off"));
            variants.add(variant("jacoco", n, false, jacoco));
        }
        return variants;
    }

    private static Variant variant(String name, int frames, boolean reftrack, String... options) {
        List<String> jvm = new ArrayList<>(List.of("-XX:+DisableExplicitGC"));
        jvm.addAll(List.of(options));
        return new Variant(name(name, frames), jvm, List.of(Integer.toString(frames)), reftrack);
    }

    static String name(String variant, int frames) {
        return variant + "-" + frames;
    }

    /**
     * Per round, one figure from two runs of that round.
     *
     * @param rounds the rounds
     * @param figure the figure, from the round's samples
     * @return the figures' median and range
     */
    static Spread perRound(List<Map<String, Sample>> rounds, ToDoubleFunction<Map<String, Sample>> figure) {
        List<Double> values = new ArrayList<>();
        for (Map<String, Sample> round : rounds) {
            values.add(figure.applyAsDouble(round));
        }
        return Spread.of(values);
    }
}
