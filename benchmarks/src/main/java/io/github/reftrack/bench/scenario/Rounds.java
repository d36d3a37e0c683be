package io.github.reftrack.bench.scenario;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every variant once per round, rounds one after the other, the order rotated by one each
 * round: a slow spell of a shared machine then hits every variant, and every variant runs in every
 * position. Ratios are taken within a round, so each round gives one ratio per pair of variants.
 */
final class Rounds {
    private final WholeProcess process;
    private final List<Variant> variants;

    /**
     * Rounds of these variants.
     *
     * @param process  how to run one variant
     * @param variants the variants, in the first round's order
     */
    Rounds(WholeProcess process, List<Variant> variants) {
        this.process = process;
        this.variants = List.copyOf(variants);
    }

    /**
     * Runs the rounds, printing one progress line per run to standard error.
     *
     * @param rounds how many
     * @return per round, the sample of each variant by name
     * @throws IOException          if a process cannot be run
     * @throws InterruptedException if interrupted
     */
    List<Map<String, Sample>> run(int rounds) throws IOException, InterruptedException {
        List<Map<String, Sample>> all = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Map<String, Sample> samples = new LinkedHashMap<>();
            for (int i = 0; i < variants.size(); i++) {
                Variant variant = variants.get((i + round) % variants.size());
                Sample sample = process.run(variant, round + 1);
                samples.put(variant.name(), sample);
                System.err.printf(Locale.ROOT, "round %d/%d %-24s CPU %7.2f s, wall %6.2f s %s%n", round + 1,
                        rounds, variant.name(), sample.cpuSeconds(), sample.wallSeconds(), sample.results());
            }
            all.add(samples);
        }
        return all;
    }
}
