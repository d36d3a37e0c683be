package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FullModeContractTest extends RefTrackerDirContract {
    @Override
    RefTrackerDir newDir(int quarantine) {
        return RefTrackerDir.builder("contract").quarantine(quarantine).mode(RefTracking.Mode.FULL).build();
    }

    @Override
    RefTracking.Mode mode() {
        return RefTracking.Mode.FULL;
    }

    @Test
    void everyReferenceHasAStack() {
        RefTrackerDir dir = newDir(0);
        for (int i = 0; i < 10; i++) {
            Sites.siteX(dir);
        }
        LeakReport report = dir.report(16);
        assertThat(report.totalUsers()).isEqualTo(10);
        assertThat(report.groups()).singleElement()
                .satisfies(g -> assertThat(Sites.top(g.frames())).isEqualTo("siteX"));
    }
}
