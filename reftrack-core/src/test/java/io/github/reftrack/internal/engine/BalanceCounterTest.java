package io.github.reftrack.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The counter of references without a stack: refcount_t's rules, on its base and striped. */
class BalanceCounterTest {

    @Test
    void countsAndSaturatesAsRefcountTDoes_onOneThread() {
        BalanceCounter counter = new BalanceCounter();
        counter.increment();
        counter.increment();
        assertThat(counter.get()).isEqualTo(2);
        assertThat(counter.decrement()).isTrue();
        assertThat(counter.decrement()).isTrue();
        assertThat(counter.get()).isZero();

        assertThat(counter.decrement()).as("released more than taken").isFalse();
        assertThat(counter.get()).isEqualTo(BalanceCounter.SATURATED);
        counter.increment();
        assertThat(counter.get()).as("saturated stays saturated").isEqualTo(BalanceCounter.SATURATED);
        assertThat(counter.decrement()).isFalse();
        assertThat(counter.outstanding()).isZero();
        assertThat(counter.isStriped()).as("one thread uses the base alone").isFalse();
    }

    @Test
    void referencesTheOwnerTookAreReleasedOnAnotherThreadsStripe() throws Exception {
        BalanceCounter counter = new BalanceCounter();
        for (int i = 0; i < 3; i++) {
            counter.increment();
        }
        assertThat(counter.isStriped()).isFalse();
        boolean[] released = new boolean[4];
        Thread other = new Thread(() -> {
            for (int i = 0; i < 4; i++) {
                released[i] = counter.decrement();
            }
        });
        other.start();
        other.join();
        assertThat(counter.isStriped()).isTrue();
        assertThat(released).as("three taken on the owner, four released on a stripe")
                .containsExactly(true, true, true, false);
        assertThat(counter.get()).isEqualTo(BalanceCounter.SATURATED);
    }

    @Test
    void stripesArePowersOfTwo_atLeastTwicePerProcessor() {
        assertThat(BalanceCounter.stripes(1)).isEqualTo(4);
        assertThat(BalanceCounter.stripes(2)).isEqualTo(4);
        assertThat(BalanceCounter.stripes(3)).isEqualTo(8);
        assertThat(BalanceCounter.stripes(24)).isEqualTo(64);
        assertThat(BalanceCounter.stripes(1000)).isEqualTo(64);
    }

    /**
     * Four threads in a ring, each taking references and handing every one to the next thread to
     * release, on a counter no thread owns: every release lands on a stripe that took nothing, so
     * each one sums the stripes while the others are updating them. None may be refused; the
     * count ends at zero, and one release more is caught.
     */
    @Test
    void noBalancedReleaseIsRefused_whenFourThreadsReleaseWhatTheirNeighbourTook() throws Exception {
        BalanceCounter counter = BalanceCounter.striped();
        int threads = 4;
        int perThread = 100_000;
        List<BlockingQueue<Boolean>> inboxes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            inboxes.add(new ArrayBlockingQueue<>(64));
        }
        AtomicInteger refused = new AtomicInteger();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            BlockingQueue<Boolean> mine = inboxes.get(w);
            BlockingQueue<Boolean> next = inboxes.get((w + 1) % threads);
            workers.add(new Thread(() -> {
                try {
                    start.await();
                    int taken = 0;
                    int released = 0;
                    while (taken < perThread || released < perThread) {
                        if (taken < perThread && next.remainingCapacity() > 0) {
                            counter.increment();
                            next.put(Boolean.TRUE);
                            taken++;
                        }
                        if (mine.poll() != null) {
                            if (!counter.decrement()) {
                                refused.incrementAndGet();
                            }
                            released++;
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "ring-" + w));
        }
        workers.forEach(Thread::start);
        for (Thread t : workers) {
            t.join();
        }
        assertThat(failures).isEmpty();
        assertThat(refused.get()).as("balanced releases refused").isZero();
        assertThat(counter.get()).isZero();
        assertThat(counter.decrement()).as("one release more than taken").isFalse();
        assertThat(counter.get()).isEqualTo(BalanceCounter.SATURATED);
    }

    /** The first thread owns the base, the others update stripes; the sum stays exact. */
    @Test
    void countStaysExact_whenThreadsShareTheCounter() throws Exception {
        for (int round = 0; round < 20; round++) {
            BalanceCounter counter = new BalanceCounter();
            int threads = 4;
            int pairs = 50_000;
            AtomicInteger refused = new AtomicInteger();
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    for (int i = 0; i < pairs; i++) {
                        counter.increment();
                        counter.increment();
                        if (!counter.decrement()) {
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            workers.forEach(Thread::start);
            for (Thread t : workers) {
                t.join();
            }
            assertThat(refused.get()).isZero();
            assertThat(counter.isStriped()).isTrue();
            assertThat(counter.get()).as("round %d", round).isEqualTo(threads * pairs);
        }
    }
}
