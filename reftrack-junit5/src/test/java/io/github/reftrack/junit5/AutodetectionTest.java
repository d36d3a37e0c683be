package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AutodetectionTest {
    static final List<RefTrackerDir> KEEP = new CopyOnWriteArrayList<>();

    @Victim
    static class Unannotated {
        @Test
        void leaks() {
            RefTrackerDir dir = RefTrackerDir.builder("victim_plain").mode(RefTracking.Mode.FULL).build();
            KEEP.add(dir);
            dir.alloc();
        }
    }

    @Test
    void serviceLoaderRegistration_checksUnannotatedTests_whenAutodetectionIsEnabled() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(Unannotated.class,
                Map.of("junit.jupiter.extensions.autodetection.enabled", "true")).testEvents());

        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getMessage()).contains(Unannotated.class.getName() + ".leaks(AutodetectionTest.java:");
    }

    @Test
    void unannotatedTests_areNotChecked_withoutAutodetection() {
        TestKit.run(Unannotated.class).testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }
}
