package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.FrameFilter;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairingTest {
    private static final RefTrackerDir DIR = RefTrackerDir.builder("pairing_test").mode(RefTracking.Mode.FULL).build();
    private final Sites sites = new Sites(FrameFilter.of(List.of(Sites.class.getName(), Pairing.class.getName())));

    private Lifetime.Ref ref(Site site) {
        return new Lifetime.Ref(DIR.alloc(), site, 0);
    }

    private int releaseFrames(List<Lifetime.Ref> live) {
        return sites.takenInCaller(live);
    }

    @Test
    void sameMethodPairsWithTheReferenceTakenInTheReleasingMethod_elseTheOldest() {
        Site elsewhere = new Site(String.class.getName(), "valueOf", null);
        Site thisMethod = sites.caller();
        List<Lifetime.Ref> live = List.of(ref(Site.BIRTH), ref(elsewhere), ref(thisMethod));

        assertThat(Pairing.SAME_METHOD.pick(live, this::releaseFrames)).isEqualTo(2);
        assertThat(Pairing.SAME_METHOD.pick(live.subList(0, 2), this::releaseFrames)).isZero();
    }

    @Test
    void oldestAndNewestPickTheEnds() {
        List<Lifetime.Ref> live = List.of(ref(Site.BIRTH), ref(sites.caller()), ref(sites.caller()));

        assertThat(Pairing.OLDEST.pick(live, this::releaseFrames)).isZero();
        assertThat(Pairing.NEWEST.pick(live, this::releaseFrames)).isEqualTo(2);
    }
}
