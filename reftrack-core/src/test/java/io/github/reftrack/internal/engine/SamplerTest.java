package io.github.reftrack.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {
    @Test
    void gapsAreGeometric_withMeanIntervalMinusOne() {
        SplittableRandom random = new SplittableRandom(42);
        int draws = 200_000;
        long sum = 0;
        int zeros = 0;
        for (int i = 0; i < draws; i++) {
            int gap = Sampler.gap(1.0 - random.nextDouble(), 64);
            sum += gap;
            zeros += gap == 0 ? 1 : 0;
        }
        // mean 63 (sd of the mean 0.14); P(gap = 0) = 1/64, 3125 expected (sd 55)
        assertThat((double) sum / draws).isBetween(62.0, 64.0);
        assertThat(zeros).isBetween(2800, 3450);
    }

    @Test
    void gapIsZero_forIntervalOneOrACertainDraw() {
        assertThat(Sampler.gap(0.5, 1)).isZero();
        assertThat(Sampler.gap(1.0, 64)).isZero();
        assertThat(Sampler.gap(Double.MIN_VALUE, Integer.MAX_VALUE)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void aThreadsFirstReferenceIsSampled_thenItsGapIsSkipped() {
        Sampler sampler = new Sampler(interval -> interval - 1);
        assertThat(sampler.sample(3)).isTrue();
        assertThat(sampler.sample(3)).isFalse();
        assertThat(sampler.sample(3)).isFalse();
        assertThat(sampler.sample(3)).isTrue();
    }

    @Test
    void anotherIntervalDrawsAGapOfItsOwn() {
        Sampler sampler = new Sampler(interval -> interval - 1);
        sampler.restart(Integer.MAX_VALUE);
        int sampled = 0;
        for (int i = 0; i < 40; i++) {
            sampled += sampler.sample(4) ? 1 : 0;
        }
        assertThat(sampled).isEqualTo(10);
    }

    @Test
    void aStableDecisionIsTheSameOnEveryCall_andOneInNOverManyObjects() {
        int sampled = 0;
        for (int i = 0; i < 64_000; i++) {
            Object object = new Object();
            boolean first = Sampler.sampleStable(object, 64);
            assertThat(Sampler.sampleStable(object, 64)).isEqualTo(first);
            sampled += first ? 1 : 0;
        }
        assertThat(sampled).isBetween(700, 1300);
        assertThat(Sampler.sampleStable(new Object(), 1)).isTrue();
    }
}
