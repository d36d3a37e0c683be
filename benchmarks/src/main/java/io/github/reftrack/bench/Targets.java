package io.github.reftrack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and the memory harness on the running JDK and prints the targets table
 * ({@link TargetTable}): measured ratios with ✔ or ✘, then every score.
 *
 * <pre>{@code
 * java -cp benchmarks.jar io.github.reftrack.bench.Targets [--quick] [--out DIR] [--memory-only | --table-only]
 *     [--also RERUN.json]...
 * }</pre>
 *
 * <p>The full set uses each benchmark's own settings (1 fork; 3×1 s warmup and 5×1 s measurement,
 * the workload 5×2 s each) and 1,000,000 references for memory. {@code --quick} runs a reduced
 * set at depth 40 with 2×0.5 s warmup and 3×0.5 s measurement, and 100,000 references: a smoke
 * run, not numbers to publish. JMH's own output goes to {@code DIR/jmh-jdkNN.txt} and
 * {@code .json}, the memory harness's to {@code DIR/memory-jdkNN.txt}, the table to
 * {@code DIR/table-jdkNN.md} and standard output. {@code --memory-only} reruns the memory harness
 * and takes the JMH scores from an earlier run's JSON; {@code --also} takes the scores of a
 * later JMH run (its JSON) in place of the same benchmarks and parameters of this one, for a
 * rerun of a few benchmarks after a fix; {@code --table-only} renders the table
 * from an earlier run's files.
 */
public final class Targets {
    private static final String FULL_SET = "io\\.github\\.reftrack\\.bench\\..*Benchmark\\..*";
    private static final String QUICK_SET = "io\\.github\\.reftrack\\.bench\\.("
            + "PairBenchmark\\.(atomicInteger|reftrackOff|reftrackSample|reftrackSampledOut|reftrackFull"
            + "|reftrackFullNative|reftrackFullAuto|nettyParanoid|nettySimple)"
            + "|CaptureBenchmark\\.(newThrowable|reftrackCapture)"
            + "|ContentionBenchmark\\..*|ReportBenchmark\\..*|WorkloadBenchmark\\..*)$";

    private Targets() {
    }

    /**
     * Runs everything and prints the table.
     *
     * @param args {@code [--quick] [--out DIR]}
     * @throws Exception if a benchmark or the memory harness fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean runJmh = true;
        boolean runMemory = true;
        Path out = Path.of("benchmarks", "results");
        List<Path> also = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                quick = true;
            } else if (args[i].equals("--out") && i + 1 < args.length) {
                out = Path.of(args[++i]);
            } else if (args[i].equals("--memory-only")) {
                runJmh = false;
            } else if (args[i].equals("--also") && i + 1 < args.length) {
                also.add(Path.of(args[++i]));
            } else if (args[i].equals("--table-only")) {
                runJmh = false;
                runMemory = false;
            } else {
                throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--quick] [--out DIR] [--memory-only | --table-only] [--also RERUN.json]...");
            }
        }
        Files.createDirectories(out);
        String jdk = "jdk" + Runtime.version().feature();
        Path log = out.resolve("jmh-" + jdk + ".txt");
        Path json = out.resolve("jmh-" + jdk + ".json");
        Path memoryLog = out.resolve("memory-" + jdk + ".txt");
        Map<String, Score> scores;
        if (runJmh) {
            System.out.println("Running the " + (quick ? "quick" : "full") + " set on "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                    + "; JMH log: " + log);
            scores = jmh(quick, log, json);
        } else {
            scores = ScoreFile.read(json);
        }
        for (Path rerun : also) {
            scores.putAll(ScoreFile.read(rerun));
        }
        if (runMemory) {
            System.out.println("Measuring memory per reference (" + (quick ? "100,000" : "1,000,000") + " references)");
            runMemory(quick ? 100_000 : 1_000_000, memoryLog);
        }
        Map<String, Double> memory = readMemory(memoryLog);
        String table = new TargetTable(scores, memory).render();
        Files.writeString(out.resolve("table-" + jdk + ".md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.print(table);
    }

    private static Map<String, Score> jmh(boolean quick, Path log, Path json) throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include(quick ? QUICK_SET : FULL_SET)
                .output(log.toString()).result(json.toString()).resultFormat(ResultFormatType.JSON);
        if (quick) {
            options.param("depth", "40").param("mode", "FULL").forks(1)
                    .warmupIterations(2).warmupTime(TimeValue.milliseconds(500))
                    .measurementIterations(3).measurementTime(TimeValue.milliseconds(500));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Score> scores = new TreeMap<>();
        for (RunResult result : results) {
            List<String> params = new ArrayList<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.add(key + "=" + result.getParams().getParam(key));
            }
            var primary = result.getPrimaryResult();
            scores.put(ScoreFile.key(result.getParams().getBenchmark(), params), new Score(primary.getScore(),
                    primary.getScoreError(), primary.getScoreUnit()));
        }
        return scores;
    }

    private static void runMemory(int count, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MemoryFootprint.class.getName(),
                String.valueOf(count));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the memory harness failed; see " + log);
        }
    }

    private static Map<String, Double> readMemory(Path log) throws IOException {
        Map<String, Double> bytesPerReference = new TreeMap<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            String[] fields = line.trim().split("\\s+");
            for (String scenario : MemoryFootprint.SCENARIOS) {
                if (fields.length == 4 && fields[0].equals(scenario)) {
                    bytesPerReference.put(scenario, Double.parseDouble(fields[3]));
                }
            }
        }
        return bytesPerReference;
    }
}
