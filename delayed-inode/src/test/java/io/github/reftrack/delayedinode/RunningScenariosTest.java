package io.github.reftrack.delayedinode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Spec §12 scenarios 14–17: throttle, async worker, wake rule. */
@Timeout(30)
class RunningScenariosTest {

    @Test
    @DisplayName("14. throttle: 127 nothing, 128 small run without waiting")
    void scenario14_thresholds() {
        try (TestFs t = TestFs.tracked()) {
            t.delayedRoot().items.set(127);
            t.fs.workers().balanceDelayedItems();
            assertThat(t.fs.workers().queuedRuns()).isEmpty();

            t.delayedRoot().items.set(128);
            t.fs.workers().balanceDelayedItems();
            assertThat(t.fs.workers().queuedRuns()).containsExactly(16);
        }
    }

    @Test
    @DisplayName("14b. throttle: 512 queues an unbounded run and waits for 16 completions")
    void scenario14_waitsForSixteenCompletions() throws InterruptedException {
        try (TestFs t = TestFs.tracked()) {
            DelayedRoot delayedRoot = t.delayedRoot();
            delayedRoot.items.set(512);
            Thread caller = new Thread(() -> t.fs.workers().balanceDelayedItems());
            caller.start();
            while (t.fs.workers().queuedRuns().isEmpty()) {
                Thread.onSpinWait();
            }
            assertThat(t.fs.workers().queuedRuns()).containsExactly(0);
            for (int i = 0; i < 15; i++) {
                delayedRoot.finishOneItem();
            }
            caller.join(50);
            assertThat(caller.isAlive()).as("still throttled after 15 completions").isTrue();

            delayedRoot.finishOneItem();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(caller.isAlive()).isFalse();
        }
    }

    @Test
    @DisplayName("14c. throttle: the wait also ends when fewer than 128 items remain")
    void scenario14_waitEndsBelowBackground() throws InterruptedException {
        try (TestFs t = TestFs.tracked()) {
            DelayedRoot delayedRoot = t.delayedRoot();
            delayedRoot.items.set(600);
            Thread caller = new Thread(() -> t.fs.workers().balanceDelayedItems());
            caller.start();
            while (t.fs.workers().queuedRuns().isEmpty()) {
                Thread.onSpinWait();
            }
            delayedRoot.items.set(128);
            delayedRoot.finishOneItem();
            caller.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(caller.isAlive()).isFalse();
        }
    }

    @Test
    @DisplayName("15. worker stops after node 30 when items fall below 64")
    void scenario15_stopsBelowHalfBackground() {
        try (TestFs t = TestFs.tracked()) {
            prepareNodes(t, 100);
            AtomicInteger flushed = new AtomicInteger();
            t.fs.workers().afterFlush = node -> {
                if (flushed.incrementAndGet() == 30) {
                    t.delayedRoot().items.addAndGet(-10);
                }
            };

            assertThat(t.fs.workers().asyncRunDelayedRoot(0)).isEqualTo(30);
            assertThat(t.delayedRoot().items()).isEqualTo(60);
        }
    }

    @Test
    @DisplayName("15b. worker budgets: nr=16 processes 16 nodes, nr=0 at most 512")
    void scenario15_budgets() {
        try (TestFs t = TestFs.tracked()) {
            prepareNodes(t, 600);
            assertThat(t.fs.workers().asyncRunDelayedRoot(16)).isEqualTo(16);
            assertThat(t.fs.workers().asyncRunDelayedRoot(0)).isEqualTo(512);
            assertThat(t.delayedRoot().items()).isEqualTo(600 - 16 - 512);
        }
    }

    @Test
    @DisplayName("15c. worker wakes the waiters when it exits, even having done nothing")
    void scenario15_wakesAtExit() {
        try (TestFs t = TestFs.tracked()) {
            long before = t.delayedRoot().wakeups.get();
            assertThat(t.fs.workers().asyncRunDelayedRoot(16)).isZero();
            assertThat(t.delayedRoot().wakeups.get()).isEqualTo(before + 1);
        }
    }

    @Test
    @DisplayName("16. worker requeue: a failed join puts the node back at the prepare tail")
    void scenario16_requeue() {
        try (TestFs t = TestFs.tracked()) {
            BtrfsInode a = t.dir(257);
            BtrfsInode b = t.dir(258);
            t.insert(a, 2);
            t.insert(b, 2);
            DelayedNode nodeA = t.node(a);
            DelayedNode nodeB = t.node(b);
            t.delayedRoot().items.addAndGet(100);
            t.fs.transactionJoinFailures.set(1);

            assertThat(t.fs.workers().asyncRunDelayedRoot(1)).isEqualTo(1);

            assertThat(t.delayedRoot().prepareListSnapshot()).containsExactly(nodeB, nodeA);
            assertThat(nodeA.inList()).isTrue();
            assertThat(nodeA.count()).isEqualTo(1);
            assertThat(nodeA.refs()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("17. finish_one_item wakes every 16th completion above 128, every one below")
    void scenario17_wakeRule() {
        try (TestFs t = TestFs.tracked()) {
            DelayedRoot delayedRoot = t.delayedRoot();
            delayedRoot.items.set(300);
            long before = delayedRoot.wakeups.get();
            for (int i = 0; i < 15; i++) {
                delayedRoot.finishOneItem();
            }
            assertThat(delayedRoot.wakeups.get()).isEqualTo(before);
            delayedRoot.finishOneItem();
            assertThat(delayedRoot.itemsSeq()).isEqualTo(16);
            assertThat(delayedRoot.wakeups.get()).isEqualTo(before + 1);

            delayedRoot.items.set(128);
            delayedRoot.finishOneItem();
            delayedRoot.finishOneItem();
            assertThat(delayedRoot.wakeups.get()).isEqualTo(before + 3);
        }
    }

    private static void prepareNodes(TestFs t, int count) {
        for (int i = 0; i < count; i++) {
            t.insert(t.dir(1000 + i), 2);
        }
        assertThat(t.delayedRoot().prepareListSnapshot()).hasSize(count);
        assertThat(t.delayedRoot().items()).isEqualTo(count);
    }
}
