package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefContext;
import io.github.reftrack.RefTrackerDir;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/** The running test's name is the context tag of the references it takes, and shows in its failure. */
class ContextTagTest {
    /** Keeps the victims' directories reachable: the registry holds directories weakly. */
    static final List<RefTrackerDir> KEEP = new CopyOnWriteArrayList<>();
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @Victim
    @LeakChecked
    static class Tagged {
        static RefTrackerDir fixture;

        @BeforeAll
        static void takeAClassFixture() {
            fixture = RefTrackerDir.create("victim_fixture", 0);
            KEEP.add(fixture);
            fixture.alloc();
            SEEN.add(String.valueOf(RefContext.current()));
        }

        @Test
        void leaksTwo() {
            RefTrackerDir dir = RefTrackerDir.create("victim_tagged", 0);
            KEEP.add(dir);
            for (int i = 0; i < 2; i++) {
                dir.alloc();
            }
        }

        @Test
        void releasesWhatItTakes() {
            RefTrackerDir dir = RefTrackerDir.create("victim_tagged", 0);
            KEEP.add(dir);
            dir.free(dir.alloc());
        }

        @AfterEach
        void seeTheTag() {
            SEEN.add(String.valueOf(RefContext.current()));
        }
    }

    @Test
    void aLeakingTestsFailureSaysTheReferencesWereTakenDuringIt_andTheClassFixtureDuringTheClass() {
        EngineExecutionResults results = TestKit.run(Tagged.class);

        Throwable failure = TestKit.onlyFailure(results.testEvents());
        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getMessage()).contains("has 2/2 users at\n  taken during: Tagged.leaksTwo() (2)\n");
        assertThat(Tagged.fixture.report(16).toString()).contains("  taken during: Tagged (1)\n");
        assertThat(SEEN).containsExactlyInAnyOrder("Tagged", "Tagged.leaksTwo()", "Tagged.releasesWhatItTakes()");
        assertThat(RefContext.current()).as("put back after the class").isNull();
    }
}
