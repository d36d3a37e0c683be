package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Under JUnit's parallel execution, {@code @LeakChecked} tests hold the resource lock
 * {@value LeakChecked#RESOURCE_LOCK} and so never run at the same time as each other.
 */
class ParallelExecutionTest {
    private static final Map<String, String> PARALLEL = Map.of(
            "junit.jupiter.execution.parallel.enabled", "true",
            "junit.jupiter.execution.parallel.mode.default", "concurrent",
            "junit.jupiter.execution.parallel.config.strategy", "fixed",
            "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

    /** Counts the tests inside their body at once; each waits a bounded time for the other. */
    static final class Overlap {
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private volatile CountDownLatch bothInside = new CountDownLatch(2);

        void reset() {
            inside.set(0);
            most.set(0);
            bothInside = new CountDownLatch(2);
        }

        void enter(long waitMillis) throws InterruptedException {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            bothInside.countDown();
            bothInside.await(waitMillis, TimeUnit.MILLISECONDS);
            inside.decrementAndGet();
        }

        int most() {
            return most.get();
        }
    }

    static final Overlap OVERLAP = new Overlap();

    @Victim
    static class CheckedPair {
        @Test
        @LeakChecked
        void first() throws InterruptedException {
            OVERLAP.enter(300);
        }

        @Test
        @LeakChecked
        void second() throws InterruptedException {
            OVERLAP.enter(300);
        }
    }

    @Victim
    static class UncheckedPair {
        @Test
        void first() throws InterruptedException {
            OVERLAP.enter(10_000);
        }

        @Test
        void second() throws InterruptedException {
            OVERLAP.enter(10_000);
        }
    }

    @Test
    void uncheckedTests_overlap_underParallelExecution() {
        OVERLAP.reset();

        TestKit.run(UncheckedPair.class, PARALLEL).testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(OVERLAP.most()).as("the set-up can see tests overlap").isEqualTo(2);
    }

    @Test
    void checkedTests_runOneAtATime_underParallelExecution() {
        OVERLAP.reset();

        TestKit.run(CheckedPair.class, PARALLEL).testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(OVERLAP.most()).isEqualTo(1);
    }
}
