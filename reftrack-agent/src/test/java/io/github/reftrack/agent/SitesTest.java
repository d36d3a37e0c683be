package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.FrameFilter;
import java.lang.reflect.Method;
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
    void prefixesOfTheFilterAreHidden() {
        FrameFilter filter = FrameFilter.of(List.of("io.github.reftrack.agent.SitesTest$"));

        assertThat(new Sites(filter).hidden(Wrapper.class.getName())).isTrue();
        assertThat(new Sites(filter).hidden(SitesTest.class.getName())).isFalse();
    }
}
