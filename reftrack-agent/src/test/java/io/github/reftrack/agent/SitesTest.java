package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.FrameFilter;
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
    void prefixesOfTheFilterAreHidden() {
        FrameFilter filter = FrameFilter.of(List.of("io.github.reftrack.agent.SitesTest$"));

        assertThat(new Sites(filter).hidden(Wrapper.class.getName())).isTrue();
        assertThat(new Sites(filter).hidden(SitesTest.class.getName())).isFalse();
    }
}
