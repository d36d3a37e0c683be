package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrackingModeTest {
    static final List<RefTracking.Mode> SEEN = new CopyOnWriteArrayList<>();

    private RefTracking.Mode previous;

    @BeforeEach
    void clear() {
        SEEN.clear();
        previous = RefTracking.mode();
    }

    @AfterEach
    void restore() {
        RefTracking.setMode(previous);
    }

    @Victim
    @LeakChecked
    static class RecordsMode {
        final RefTrackerDir fieldDir = RefTrackerDir.create("victim_field", 0);

        @Test
        void recordsMode() {
            SEEN.add(RefTracking.mode());
            SEEN.add(fieldDir.mode());
        }
    }

    @Test
    void trackingOff_isSwitchedToFullForTheClass_andBackAfterwards() {
        RefTracking.setMode(RefTracking.Mode.OFF);

        TestKit.run(RecordsMode.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN).as("mode in the test, mode of a field-initialized directory")
                .containsExactly(RefTracking.Mode.FULL, RefTracking.Mode.FULL);
        assertThat(RefTracking.mode()).isEqualTo(RefTracking.Mode.OFF);
    }

    @Victim
    @LeakChecked
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class RecordsModePerClassInstance {
        final RefTrackerDir fieldDir = RefTrackerDir.create("victim_field", 0);

        @Test
        void recordsMode() {
            SEEN.add(fieldDir.mode());
        }
    }

    @Test
    void trackingOff_isSwitchedOnBeforeAPerClassInstanceIsCreated() {
        RefTracking.setMode(RefTracking.Mode.OFF);

        TestKit.run(RecordsModePerClassInstance.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN).containsExactly(RefTracking.Mode.FULL);
        assertThat(RefTracking.mode()).isEqualTo(RefTracking.Mode.OFF);
    }

    @Test
    void trackingAlreadyOn_isKept() {
        RefTracking.setMode(RefTracking.Mode.SAMPLE);

        TestKit.run(RecordsMode.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN).containsExactly(RefTracking.Mode.SAMPLE, RefTracking.Mode.SAMPLE);
        assertThat(RefTracking.mode()).isEqualTo(RefTracking.Mode.SAMPLE);
    }

    @Victim
    static class ConfiguredMode {
        @RegisterExtension
        static final LeakCheckExtension LEAKS = LeakCheckExtension.builder().mode(RefTracking.Mode.SAMPLE).build();

        @Test
        void recordsMode() {
            SEEN.add(RefTracking.mode());
        }
    }

    @Test
    void configuredMode_isUsedWhenTrackingIsOff() {
        RefTracking.setMode(RefTracking.Mode.OFF);

        TestKit.run(ConfiguredMode.class).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(SEEN).containsExactly(RefTracking.Mode.SAMPLE);
        assertThat(RefTracking.mode()).isEqualTo(RefTracking.Mode.OFF);
    }

    @Victim
    static class MethodAnnotated {
        @Test
        @LeakChecked
        void checked() {
            SEEN.add(RefTracking.mode());
        }

        @Test
        void unchecked() {
            SEEN.add(RefTracking.mode());
        }
    }

    @Test
    void annotationOnMethod_switchesTrackingOnForThatMethodOnly() {
        RefTracking.setMode(RefTracking.Mode.OFF);

        TestKit.run(MethodAnnotated.class, Map.of("junit.jupiter.testmethod.order.default",
                "org.junit.jupiter.api.MethodOrderer$MethodName")).testEvents()
                .assertStatistics(stats -> stats.succeeded(2));

        assertThat(SEEN).containsExactly(RefTracking.Mode.FULL, RefTracking.Mode.OFF);
        assertThat(RefTracking.mode()).isEqualTo(RefTracking.Mode.OFF);
    }
}
