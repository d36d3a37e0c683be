package io.github.reftrack.bench.scenario;

import java.util.Map;

/**
 * What one whole-process run measured: CPU time of the process and its threads (user + system,
 * from {@code /usr/bin/time}), wall time, and the {@code result NAME VALUE} lines the program
 * printed.
 *
 * @param cpuSeconds  user + system CPU seconds
 * @param wallSeconds elapsed seconds
 * @param results     the program's own results by name
 */
public record Sample(double cpuSeconds, double wallSeconds, Map<String, Double> results) {
    /**
     * Copies the results.
     *
     * @param cpuSeconds  CPU seconds
     * @param wallSeconds elapsed seconds
     * @param results     the program's results
     */
    public Sample {
        results = Map.copyOf(results);
    }

    /**
     * One of the program's results.
     *
     * @param name the result's name
     * @return its value
     * @throws IllegalStateException if the program did not print it
     */
    public double result(String name) {
        Double value = results.get(name);
        if (value == null) {
            throw new IllegalStateException("the program printed no 'result " + name + " VALUE' line");
        }
        return value;
    }
}
