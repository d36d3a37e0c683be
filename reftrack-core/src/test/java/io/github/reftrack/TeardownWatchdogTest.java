package io.github.reftrack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A teardown waiting for references names the holders instead of hanging silently. */
class TeardownWatchdogTest {
    @RegisterExtension
    final Recorder events = new Recorder();

    private static RefTrackerDir newDir() {
        return RefTrackerDir.builder("teardown").mode(RefTracking.Mode.FULL).build();
    }

    @Test
    void awaitReleasedReturnsOnceAnotherThreadReleases() throws Exception {
        RefTrackerDir dir = newDir();
        RefTracker held = dir.alloc();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread releaser = new Thread(() -> {
            try {
                waiting.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dir.free(held);
        });
        releaser.start();
        waiting.countDown();
        assertThat(dir.awaitReleased(Duration.ofSeconds(30))).isTrue();
        releaser.join();
        assertThat(events.stuck).isEmpty();
    }

    @Test
    void awaitReleasedNamesTheHolderWhenItTimesOut() throws InterruptedException {
        RefTrackerDir dir = newDir();
        Sites.siteX(dir);
        assertThat(dir.awaitReleased(Duration.ofMillis(20))).isFalse();
        assertThat(events.stuck).isNotEmpty().last().satisfies(e -> {
            assertThat(e.remaining()).isEqualTo(1);
            assertThat(e.holders()).singleElement()
                    .satisfies(r -> assertThat(Sites.top(r.groups().get(0).frames())).isEqualTo("siteX"));
            assertThat(e.toString()).contains("teardown of " + dir.name() + " stuck for").contains("has 1/1 users at");
        });
    }

    @Test
    void reportsAfterTheFirstDeadlineThenPeriodicallyThenGivesUp() throws InterruptedException {
        RefTrackerDir dir = newDir();
        Sites.siteY(dir);
        boolean drained = TeardownWatchdog.forDirectories("pool shutdown", List.of(dir))
                .reportAfter(Duration.ofMillis(10))
                .reportEvery(Duration.ofMillis(20))
                .giveUpAfter(Duration.ofMillis(200))
                .await();
        assertThat(drained).isFalse();
        assertThat(events.stuck.size()).as("first report, periodic ones, and the last").isGreaterThanOrEqualTo(3);
        assertThat(events.stuck).allSatisfy(e -> assertThat(e.what()).isEqualTo("pool shutdown"));
    }

    @Test
    void awaitOrThrowCarriesTheLastReport() {
        RefTrackerDir dir = newDir();
        Sites.siteX(dir);
        assertThatThrownBy(() -> TeardownWatchdog.forDirectories("kill-all", List.of(dir))
                .reportAfter(Duration.ZERO).giveUpAfter(Duration.ofMillis(30)).awaitOrThrow())
                .isInstanceOf(TeardownTimeoutException.class).hasMessageContaining("teardown of kill-all stuck")
                .hasMessageContaining("has 1/1 users at")
                .satisfies(e -> assertThat(((TeardownTimeoutException) e).event().remaining()).isEqualTo(1));
    }

    @Test
    void checkLetsALoopingTeardownStopAtTheDeadline() {
        AtomicLong remaining = new AtomicLong(2);
        TeardownWatchdog watchdog = TeardownWatchdog.forCount("kill-all", remaining::get, List::of)
                .reportAfter(Duration.ZERO).giveUpAfter(Duration.ofMillis(50));
        int passes = 0;
        while (watchdog.check()) {
            passes++;
        }
        assertThat(passes).isPositive();
        assertThat(events.stuck).isNotEmpty().allSatisfy(e -> assertThat(e.holders()).isEmpty());
        remaining.set(0);
        assertThat(watchdog.check()).as("nothing left to wait for").isTrue();
    }

    @Test
    void badDeadlinesAreRefused() {
        TeardownWatchdog watchdog = TeardownWatchdog.forCount("x", () -> 0, List::of);
        assertThatThrownBy(() -> watchdog.reportAfter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> watchdog.reportEvery(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reportEvery must be positive");
        assertThatThrownBy(() -> TeardownWatchdog.forCount("x", null, List::of))
                .isInstanceOf(NullPointerException.class);
    }
}
