package io.github.reftrack.agent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefScope;

/**
 * A lifetime as the scope it was born in sees it (a JUnit test, through the core's
 * {@link RefScope}): whether it still holds references when the scope ends, and the report of
 * them in the same shape as a leak the GC found. Thread-safe (the lifetime is).
 */
final class ScopeClaim implements RefScope.Claim {
    private final Lifetime life;
    private final LeakFinder leaks;

    ScopeClaim(Lifetime life, LeakFinder leaks) {
        this.life = life;
        this.leaks = leaks;
    }

    @Override
    public boolean holds() {
        return life.reaped != null || (!life.ended() && life.hasLive());
    }

    @Override
    public LeakReport report() {
        LeakReport reaped = life.reaped;
        return reaped != null ? reaped : leaks.held(life);
    }
}
