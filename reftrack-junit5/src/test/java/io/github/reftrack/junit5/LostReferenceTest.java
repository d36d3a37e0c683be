package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.reftrack.LostReference;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.RefTracking;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LostReferenceTest {
    static final List<RefTrackerDir> KEEP = new CopyOnWriteArrayList<>();

    @Victim
    @LeakChecked
    static class DropsTracker {
        @Test
        void dropsTrackerOnTheFloor() throws InterruptedException {
            CountDownLatch found = new CountDownLatch(1);
            RefTrackerListener listener = new RefTrackerListener() {
                @Override
                public void onLostReference(LostReference event) {
                    found.countDown();
                }
            };
            RefTracking.Registration registration = RefTracking.addListener(listener);
            try {
                RefTrackerDir dir = RefTrackerDir.builder("victim_lost").detectLost(true).build();
                KEEP.add(dir);
                takeAndForget(dir);
                // Bounded: the collector normally finds the handle at the first or second request.
                for (int i = 0; i < 100 && !found.await(50, TimeUnit.MILLISECONDS); i++) {
                    System.gc();
                }
                if (found.getCount() > 0) {
                    fail("the garbage collector did not report the dropped tracker within 100 collections");
                }
            } finally {
                registration.close();
            }
        }

        private static void takeAndForget(RefTrackerDir dir) {
            dir.alloc();
        }
    }

    @Test
    void referenceLostDuringTest_fails() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(DropsTracker.class).testEvents());

        assertThat(failure).isInstanceOf(ReferenceLeakError.class);
        assertThat(failure.getMessage())
                .contains("1 lost reference\n")
                .contains(": reference lost without release.\nallocated in:\n")
                .contains(DropsTracker.class.getName() + ".takeAndForget(LostReferenceTest.java:")
                .doesNotContain("left behind");
        assertThat(((ReferenceLeakError) failure).lostReferences()).singleElement()
                .satisfies(event -> assertThat(event.dirName()).isEqualTo(KEEP.get(0).name()));
    }
}
