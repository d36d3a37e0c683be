package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.FrameFilter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sites skip the frames the core runtime's filter hides: one rule for sites and reports. */
class SitesTest {

    /** A wrapper the user calls, which takes the reference. */
    static final class Wrapper {
        private Wrapper() {
        }

        static Site take(Sites sites) {
            return sites.caller();
        }
    }

    @Test
    void siteIsTheFirstFrameTheFilterShows_andFollowsClassesHiddenLater() {
        FrameFilter filter = FrameFilter.of(List.of("org.junit.", "java.", "jdk."));
        filter.dropOwnClass(Sites.class.getName());
        Sites sites = new Sites(filter);

        assertThat(Wrapper.take(sites).frame.getMethodName()).isEqualTo("take");
        filter.hideClass(Wrapper.class.getName());
        assertThat(Wrapper.take(sites).frame.getMethodName())
                .isEqualTo("siteIsTheFirstFrameTheFilterShows_andFollowsClassesHiddenLater");
    }

    @Test
    void reflectionFramesAreNeverTheSite_asAStackWalkerSkipsThem() throws Exception {
        FrameFilter filter = FrameFilter.of(List.of("org.junit."));
        filter.dropOwnClass(Sites.class.getName());
        filter.hideClass(Wrapper.class.getName());
        Sites sites = new Sites(filter);
        Method take = Wrapper.class.getDeclaredMethod("take", Sites.class);

        Site site = (Site) take.invoke(null, sites);

        assertThat(site.frame.getMethodName())
                .isEqualTo("reflectionFramesAreNeverTheSite_asAStackWalkerSkipsThem");
    }

    @Test
    void releaseInTheMethodThatTookAReference_pairsWithIt() {
        FrameFilter filter = FrameFilter.of(List.of("org.junit."));
        filter.dropOwnClass(Sites.class.getName());
        Sites sites = new Sites(filter);
        Site here = sites.caller();
        List<Lifetime.Ref> live = List.of(new Lifetime.Ref(null, Site.BIRTH, 0),
                new Lifetime.Ref(null, new Site("elsewhere.Type", "run", null), 0),
                new Lifetime.Ref(null, here, 0));

        assertThat(sites.takenInCaller(live)).isEqualTo(2);
        assertThat(sites.takenInCaller(live.subList(0, 2))).isEqualTo(-1);
    }

    @Test
    void deepStacksAreWalked_andGiveTheSameSitesAndPairingsAsDecodedOnes() throws InterruptedException {
        FrameFilter filter = FrameFilter.of(List.of("org.junit."));
        filter.dropOwnClass(Sites.class.getName());
        Sites sites = new Sites(filter);
        boolean[] walked = new boolean[1];

        List<Object> shallow = onNewThread(sites, 0, 3, walked);
        assertThat(walked[0]).isFalse();
        List<Object> deep = onNewThread(sites, Sites.DEEP, Sites.RECHECK_EVERY + 1, walked);
        assertThat(walked[0]).isTrue();

        assertThat(shallow.subList(0, 3)).containsOnly(shallow.get(0)).doesNotContainNull();
        assertThat(shallow.subList(3, 6)).containsOnly(1);
        int sitesLookedUp = Sites.RECHECK_EVERY + 1;
        assertThat(deep.subList(0, sitesLookedUp)).containsOnly(deep.get(0));
        assertThat(deep.subList(sitesLookedUp, deep.size())).hasSize(sitesLookedUp).containsOnly(1);
    }

    /** {@link #lookUps} on a thread of its own, whose stack starts shallow; says whether it ended walking. */
    private static List<Object> onNewThread(Sites sites, int depth, int times, boolean[] walked)
            throws InterruptedException {
        List<Object> found = new ArrayList<>();
        Thread thread = new Thread(() -> {
            found.addAll(lookUps(sites, depth, times));
            walked[0] = sites.walking();
        });
        thread.start();
        thread.join();
        return found;
    }

    /**
     * The site of one line {@code times} times, then as many pairings of a release on that line
     * with a reference taken there (index 1), {@code depth} frames down.
     */
    private static List<Object> lookUps(Sites sites, int depth, int times) {
        if (depth > 0) {
            return lookUps(sites, depth - 1, times);
        }
        List<Object> found = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            found.add(sites.caller());
        }
        List<Lifetime.Ref> live = List.of(new Lifetime.Ref(null, new Site("elsewhere.Type", "run", null), 0),
                new Lifetime.Ref(null, (Site) found.get(0), 0));
        for (int i = 0; i < times; i++) {
            found.add(sites.takenInCaller(live));
        }
        return found;
    }

    @Test
    void prefixesOfTheFilterAreHidden() {
        FrameFilter filter = FrameFilter.of(List.of("io.github.reftrack.agent.SitesTest$"));

        assertThat(new Sites(filter).hidden(Wrapper.class.getName())).isTrue();
        assertThat(new Sites(filter).hidden(SitesTest.class.getName())).isFalse();
    }
}
