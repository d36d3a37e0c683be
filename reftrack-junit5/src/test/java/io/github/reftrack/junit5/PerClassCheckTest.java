package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class PerClassCheckTest {

    @Victim
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class HoldsAcrossMethods {
        @RegisterExtension
        static final LeakCheckExtension LEAKS = LeakCheckExtension.builder().perClass().build();

        static RefTrackerDir dir;
        static RefTracker held;
        static boolean releaseInAfterAll;

        @BeforeAll
        static void open() {
            dir = RefTrackerDir.create("victim_session", 0);
        }

        @Test
        void a_takesReference() {
            held = dir.alloc("session");
        }

        @Test
        void b_usesReference() {
            assertThat(dir.liveCount()).isEqualTo(1);
        }

        @AfterAll
        static void close() {
            if (releaseInAfterAll) {
                dir.free(held);
            }
        }
    }

    @Test
    void referenceHeldAcrossMethods_releasedInAfterAll_passes() {
        HoldsAcrossMethods.releaseInAfterAll = true;

        EngineExecutionResults results = TestKit.run(HoldsAcrossMethods.class);

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2).failed(0));
        results.containerEvents().assertStatistics(stats -> stats.failed(0));
    }

    @Test
    void referenceNeverReleased_failsTheClass() {
        HoldsAcrossMethods.releaseInAfterAll = false;

        EngineExecutionResults results = TestKit.run(HoldsAcrossMethods.class);

        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
        Throwable failure = TestKit.onlyFailure(results.containerEvents());
        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getMessage())
                .startsWith("leak check failed for PerClassCheckTest$HoldsAcrossMethods [[engine:junit-jupiter]/[class:"
                        + HoldsAcrossMethods.class.getName() + "]]:\n")
                .contains(HoldsAcrossMethods.dir.name() + " has 1/1 users at\n  held by: session\n")
                .contains(HoldsAcrossMethods.class.getName() + ".a_takesReference(PerClassCheckTest.java:");
    }

    @Victim
    static class PerClassOnInstanceField {
        @RegisterExtension
        final LeakCheckExtension leaks = LeakCheckExtension.builder().perClass().build();

        @Test
        void anything() {
            assertThat(leaks).isNotNull();
        }
    }

    @Test
    void perClassOnInstanceField_failsWithConfigurationError() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(PerClassOnInstanceField.class).testEvents());

        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("declare the @RegisterExtension field static in "
                        + PerClassOnInstanceField.class.getName());
    }
}
