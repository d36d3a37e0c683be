package io.github.reftrack.delayedinode.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracking;
import io.github.reftrack.delayedinode.InjectionSite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorkloadTest {

    @Test
    void cleanRun_freesEveryNode_whenNothingIsInjected() throws InterruptedException {
        List<String> progress = new ArrayList<>();
        WorkloadResult result = Workload.builder().threads(4).ops(4000).seed(7).tracking(RefTracking.Mode.FULL)
                .progress(progress::add).build().run();

        assertThat(result.leaked()).as("progress: %s", progress).isFalse();
        assertThat(result.killAllCompleted()).isTrue();
        assertThat(result.stuckInodes()).isEmpty();
        assertThat(result.operations()).isEqualTo(4000);
        assertThat(result.nodesCreated()).isPositive();
        assertThat(result.refcountWarnings()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(InjectionSite.class)
    void injectedLeak_isNamedAndBounded(InjectionSite site) throws InterruptedException {
        List<String> progress = new ArrayList<>();
        WorkloadResult result = Workload.builder().threads(3).ops(1500).seed(11).tracking(RefTracking.Mode.FULL)
                .inject(site).killAllDeadline(Duration.ofMillis(300)).progress(progress::add).run();

        assertThat(result.leaked()).as("progress: %s", progress).isTrue();
        assertThat(result.stuckInodes()).hasSize(1);
        assertThat(result.stuckReports()).hasSize(1);
        LeakReport report = result.stuckReports().get(0);
        assertThat(report.toString()).contains(site.reportMarker());
    }

    @Test
    void stuckNode_staysOpenInTheRegistry_whileTheResultIsHeld() throws InterruptedException {
        WorkloadResult result = Workload.builder().threads(2).ops(800).seed(13).tracking(RefTracking.Mode.FULL)
                .inject(InjectionSite.EVICT_INODE_CACHE_RELEASE).killAllDeadline(Duration.ofMillis(200)).run();
        String stuck = result.stuckReports().get(0).dirName();

        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
        }

        assertThat(RefTracking.registry().reports("delayed_node", 16)).extracting(LeakReport::dirName)
                .as("the stuck node's directory, neither collected nor reported as abandoned").contains(stuck);
        assertThat(result.subvolume().delayedNodeCount()).isPositive();
    }

    @Test
    void injectedLeak_reportsCountsOnly_whenTrackingIsOff() throws InterruptedException {
        WorkloadResult result = Workload.builder().threads(2).ops(500).seed(3).tracking(RefTracking.Mode.OFF)
                .inject(InjectionSite.INSERT_DIR_INDEX_GET).killAllDeadline(Duration.ofMillis(200)).run();

        assertThat(result.leaked()).isTrue();
        assertThat(result.stuckInodes()).hasSize(1);
        assertThat(result.stuckReports()).isEmpty();
    }

    @Test
    void injectedLeak_stillNamesTheStuckInode_whenSampling() throws InterruptedException {
        WorkloadResult result = Workload.builder().threads(2).ops(800).seed(5).tracking(RefTracking.Mode.SAMPLE)
                .inject(InjectionSite.READDIR_RAW_DROP).killAllDeadline(Duration.ofMillis(200)).run();

        assertThat(result.leaked()).isTrue();
        assertThat(result.stuckInodes()).hasSize(1);
        assertThat(result.refcountWarnings()).isZero();
    }

    @Test
    void builder_rejectsBadSettings_withTheValueInTheMessage() {
        assertThatThrownBy(() -> Workload.builder().threads(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be from 1 to 256, was 0");
        assertThatThrownBy(() -> Workload.builder().ops(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops must be >= 0, was -1");
        assertThatThrownBy(() -> Workload.builder().killAllDeadline(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("killAllDeadline must be positive");
    }
}
