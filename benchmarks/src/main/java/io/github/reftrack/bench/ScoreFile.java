package io.github.reftrack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the scores of an earlier run back from JMH's JSON result file. */
final class ScoreFile {
    private ScoreFile() {
    }

    /**
     * The key of one benchmark with its parameters, e.g. {@code PairBenchmark.reftrackFull depth=40}.
     *
     * @param benchmark the full benchmark name, package included
     * @param params    {@code name=value} in JMH's order
     */
    static String key(String benchmark, List<String> params) {
        String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        return params.isEmpty() ? name : name + " " + String.join(" ", params);
    }

    static Map<String, Score> read(Path json) throws IOException {
        Map<String, Score> scores = new TreeMap<>();
        for (JsonNode run : new ObjectMapper().readTree(json.toFile())) {
            List<String> params = new ArrayList<>();
            JsonNode values = run.path("params");
            for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> param = it.next();
                params.add(param.getKey() + "=" + param.getValue().asText());
            }
            JsonNode primary = run.path("primaryMetric");
            double error = primary.path("scoreError").isNumber() ? primary.path("scoreError").asDouble() : Double.NaN;
            scores.put(key(run.path("benchmark").asText(), params), new Score(primary.path("score").asDouble(),
                    error, primary.path("scoreUnit").asText()));
        }
        return scores;
    }
}
