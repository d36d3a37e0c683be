package example.junit;

import io.github.reftrack.junit5.LeakChecked;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Test classes run in child JVMs by JUnitScopesIT; not run by this module's Surefire. */
public final class BufferCases {
    /** Keeps what the tests leak strongly reachable: no GC can find these leaks. */
    static final List<ByteBuf> KEPT = new ArrayList<>();

    private BufferCases() {
    }

    static ByteBuf keep(ByteBuf frame) {
        ByteBuf kept = frame.retain();
        KEPT.add(kept);
        return kept;
    }

    static void cleanRoundTrip() {
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(42);
        ByteBuf copy = frame.retain();
        copy.release();
        frame.release();
    }

    /** A clean test, a test that leaks a retain(), a clean test: only the middle one fails. */
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    public static class LeakInTheMiddle {
        @Test
        @Order(1)
        void cleanBefore() {
            cleanRoundTrip();
        }

        @Test
        @Order(2)
        void leaksARetain() {
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(7);
            keep(frame);
            frame.release();
        }

        @Test
        @Order(3)
        void cleanAfter() {
            cleanRoundTrip();
        }
    }

    /** Every test is clean. */
    public static class AllClean {
        @Test
        void roundTrip() {
            cleanRoundTrip();
        }

        @Test
        void manyRoundTrips() {
            for (int i = 0; i < 10_000; i++) {
                cleanRoundTrip();
            }
        }
    }

    /** The same leak, allowed by its site. */
    @LeakChecked(allowSites = "example.junit.BufferCases#keep")
    public static class AllowedSite {
        @Test
        void leaksAtAnAllowedSite() {
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16);
            keep(frame);
            frame.release();
        }
    }

    /** Leaks a buffer born on an executor's thread: the class's check blames the class, not the test. */
    public static class LeakOnAnExecutor {
        @Test
        void leaksOnAnotherThread() throws Exception {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                executor.submit(() -> {
                    ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16);
                    keep(frame);
                    frame.release();
                }).get();
            } finally {
                executor.shutdown();
            }
        }

        @Test
        void cleanOnAnotherThread() throws Exception {
            ExecutorService executor = Executors.newSingleThreadExecutor();
            try {
                executor.submit(BufferCases::cleanRoundTrip).get();
            } finally {
                executor.shutdown();
            }
        }
    }

    /** Leaks in one test of two; run in parallel with {@link ParallelTwo}. */
    public static class ParallelOne {
        @Test
        void leaksInOne() throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                cleanRoundTrip();
                Thread.sleep(1);
            }
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16);
            keep(frame);
            frame.release();
        }

        @Test
        void cleanInOne() throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                cleanRoundTrip();
                Thread.sleep(1);
            }
        }
    }

    /** Leaks in one test of two; run in parallel with {@link ParallelOne}. */
    public static class ParallelTwo {
        @Test
        void leaksInTwo() throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                cleanRoundTrip();
                Thread.sleep(1);
            }
            ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(16);
            keep(frame);
            frame.release();
        }

        @Test
        void cleanInTwo() throws InterruptedException {
            for (int i = 0; i < 200; i++) {
                cleanRoundTrip();
                Thread.sleep(1);
            }
        }
    }
}
