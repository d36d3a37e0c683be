package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.LeakReport;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every injection site, driven directly on a small filesystem: it fires once, kill-all ends at
 * its deadline with {@link KillAllStuckException}, and the stuck node's report names the site.
 */
@Timeout(30)
class InjectionSiteTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(InjectionSite.class)
    void killAll_namesTheInjectedSite_andEndsAtItsDeadline(InjectionSite site) {
        try (TestFs t = TestFs.with(TestFs.shortKillAll().inject(site).workerThreads(0))) {
            BtrfsInode dir = t.dir(257);
            runPathOf(site, t, dir);
            assertThat(t.fs.injectionFired()).as("the site's code path ran").isTrue();
            t.fs.teardown().evictInode(dir, false);

            assertThatThrownBy(() -> t.fs.teardown().killAllDelayedNodes(t.root))
                    .isInstanceOfSatisfying(KillAllStuckException.class, e -> {
                        assertThat(e.stuckInodes()).containsExactly(257L);
                        assertThat(e.reports()).singleElement().extracting(LeakReport::toString)
                                .asString().contains(site.reportMarker());
                        assertThat(e.getMessage()).contains("inode 257", site.reportMarker());
                    });
        }
    }

    private static void runPathOf(InjectionSite site, TestFs t, BtrfsInode dir) {
        switch (site) {
            case INSERT_DIR_INDEX_GET:
            case KILL_ALL_PIN:
                t.insert(dir, 2);
                break;
            case READDIR_RAW_DROP:
                t.insert(dir, 2);
                t.fs.readers().readdirPutDelayedItems(t.fs.readers().readdirGetDelayedItems(dir, 10));
                break;
            case ASYNC_WORKER_RELEASE:
                for (long index = 2; index < 70; index++) {
                    t.insert(dir, index);
                }
                t.fs.workers().asyncRunDelayedRoot(16);
                break;
            case EVICT_INODE_CACHE_RELEASE:
                t.insert(dir, 2);
                t.fs.commitTransaction();
                break;
            case FIRST_NEXT_WALK:
                t.insert(dir, 2);
                t.fs.commitTransaction();
                break;
            default:
                throw new AssertionError(site);
        }
        if (site == InjectionSite.EVICT_INODE_CACHE_RELEASE) {
            t.fs.teardown().evictInode(dir, false);
        } else if (site == InjectionSite.KILL_ALL_PIN) {
            assertThat(t.fs.injectionFired()).isFalse();
            t.fs.teardown().evictInode(dir, false);
            assertThat(t.fs.teardown().killAllDelayedNodes(t.root, 3).livelocked()).isTrue();
        }
    }

    @Test
    void injectionFiresOnce_soLaterPassesReleaseNormally() {
        try (TestFs t = TestFs.with(TestFs.shortKillAll().inject(InjectionSite.INSERT_DIR_INDEX_GET))) {
            BtrfsInode dir = t.dir(257);
            t.insert(dir, 2);
            t.insert(dir, 3);

            assertThat(t.node(dir).refs()).isEqualTo(3);
        }
    }

    @Test
    void cliNames_areKebabCase_andRoundTrip() {
        assertThat(InjectionSite.INSERT_DIR_INDEX_GET.cliName()).isEqualTo("insert-dir-index-get");
        for (InjectionSite site : InjectionSite.values()) {
            assertThat(InjectionSite.fromCliName(" " + site.cliName().toUpperCase() + " ")).isSameAs(site);
            assertThat(site.description()).endsWith(".");
        }
    }

    @Test
    void fromCliName_listsTheValidNames_whenUnknown() {
        assertThatThrownBy(() -> InjectionSite.fromCliName("insert"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown injection site 'insert'")
                .hasMessageContaining(String.join(", ",
                        Arrays.stream(InjectionSite.values()).map(InjectionSite::cliName).toList()));
    }
}
