package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kernel's {@code refcount_t} semantics (spec §4.4). */
class RefcountTTest {
    private final RefcountWarnings warnings = new RefcountWarnings();
    private final RefcountT refs = new RefcountT(warnings);

    @Test
    void inc_warnsAndSaturates_whenCountIsZero() {
        refs.inc();

        assertThat(refs.read()).isEqualTo(0xC0000000);
        assertThat(warnings.messages()).containsExactly("refcount_t: addition on 0; use-after-free.");
    }

    @Test
    void incNotZero_refusesAndLeavesZero_whenCountIsZero() {
        assertThat(refs.incNotZero()).isFalse();
        assertThat(refs.read()).isZero();
        refs.set(1);
        assertThat(refs.incNotZero()).isTrue();
        assertThat(refs.read()).isEqualTo(2);
        assertThat(warnings.count()).isZero();
    }

    @Test
    void decAndTest_isTrueOnlyWhenReachingZero() {
        refs.set(2);
        assertThat(refs.decAndTest()).isFalse();
        assertThat(refs.decAndTest()).isTrue();
        assertThat(warnings.count()).isZero();
    }

    @Test
    void dec_warnsLeak_whenReachingZero() {
        refs.set(1);
        refs.dec();

        assertThat(refs.read()).isZero();
        assertThat(warnings.messages()).containsExactly("refcount_t: decrement hit 0; leaking memory.");
    }

    @Test
    void decrements_warnUnderflowAndSaturate_whenBelowZero() {
        assertThat(refs.decAndTest()).isFalse();
        refs.set(0);
        refs.dec();

        assertThat(refs.read()).isEqualTo(RefcountT.SATURATED);
        assertThat(warnings.messages()).containsExactly("refcount_t: underflow; use-after-free.",
                "refcount_t: underflow; use-after-free.");
    }

    @Test
    void saturatedCount_staysSaturated() {
        refs.set(RefcountT.SATURATED);
        refs.inc();
        assertThat(refs.incNotZero()).isTrue();

        assertThat(refs.read()).isEqualTo(RefcountT.SATURATED);
        assertThat(warnings.messages()).containsExactly("refcount_t: saturated; leaking memory.");
    }
}
