package example.jetty;

import static org.eclipse.jetty.io.RetainableByteBuffer.wrap;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.management.ObjectName;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Jetty 12 buffers, from an {@code ArrayByteBufferPool} ({@code pooled}) or wrapping a heap buffer
 * ({@code plain}). Each is given a byte, retained twice and sliced for a worker thread, which
 * releases the slice and two references while the main thread releases one; the last release is
 * the main thread's for even buffers, the worker's for odd ones. One buffer in {@code leakEvery} is
 * taken in {@link #forget} and never released (the line the tests expect): dropped ({@code drop}),
 * or kept for ever in a list ({@code keep}, as a cache that never gives back), in which case the
 * run ends once reftrack's MXBean counted as many references held past the hold threshold (or
 * after 60 s). A pooled run first fills the pool, so that every buffer handed out, the forgotten
 * ones too, comes from it.
 *
 * <p>Arguments: {@code pooled|plain buffers leakEvery drop|keep}.
 */
public final class JettyApp {
    private static final int SIZE = 512;
    private static final int WARM_UP = 16;
    private static final long WAIT_MILLIS = 60_000;
    private static final List<RetainableByteBuffer> KEPT = new ArrayList<>();

    private JettyApp() {
    }

    /**
     * Runs the application.
     *
     * @param args pooled or plain, buffers, leakEvery, drop or keep
     * @throws Exception if the worker or the MXBean fails
     */
    public static void main(String[] args) throws Exception {
        boolean pooled = args[0].equals("pooled");
        int buffers = Integer.parseInt(args[1]);
        int leakEvery = Integer.parseInt(args[2]);
        boolean keep = args[3].equals("keep");
        ArrayByteBufferPool pool = new ArrayByteBufferPool();
        if (pooled) {
            warmUp(pool);
        }
        ExecutorService worker = Executors.newSingleThreadExecutor();
        List<String> forgotten = new ArrayList<>();
        for (int i = 0; i < buffers; i++) {
            if (leakEvery > 0 && i % leakEvery == leakEvery - 1) {
                forgotten.add(forget(pool, pooled, keep));
            } else {
                share(take(pool, pooled), i % 2 == 0, worker);
            }
        }
        worker.shutdown();
        System.out.println("buffers " + buffers + ", forgotten " + forgotten.size() + " " + forgotten);
        if (keep) {
            awaitLongHeld(KEPT.size());
        }
    }

    static void warmUp(ArrayByteBufferPool pool) {
        List<RetainableByteBuffer> taken = new ArrayList<>();
        for (int i = 0; i < WARM_UP; i++) {
            taken.add(pool.acquire(SIZE, false));
        }
        taken.forEach(RetainableByteBuffer::release);
    }

    static RetainableByteBuffer take(ArrayByteBufferPool pool, boolean pooled) {
        return pooled ? pool.acquire(SIZE, false) : wrap(BufferUtil.allocate(SIZE));
    }

    /** Takes a buffer and never releases it: the class of what was forgotten, for the output. */
    static String forget(ArrayByteBufferPool pool, boolean pooled, boolean keep) {
        RetainableByteBuffer lost = pooled ? pool.acquire(SIZE, false) : wrap(BufferUtil.allocate(SIZE));
        if (keep) {
            KEPT.add(lost);
        }
        return lost.getClass().getSimpleName();
    }

    static void share(RetainableByteBuffer buffer, boolean mainLast, ExecutorService worker) throws Exception {
        buffer.asMutable().put((byte) 1);
        buffer.retain();
        buffer.retain();
        RetainableByteBuffer slice = buffer.slice();
        if (!mainLast) {
            buffer.release();
        }
        worker.submit(() -> {
            slice.release();
            buffer.release();
            buffer.release();
        }).get();
        if (mainLast) {
            buffer.release();
        }
    }

    private static void awaitLongHeld(long expected) throws Exception {
        ObjectName name = new ObjectName("io.github.reftrack:type=RefTracking");
        long longHeld = 0;
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (longHeld < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
            longHeld = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LongHeld");
        }
        System.out.println("mxbean longHeld " + longHeld);
    }
}
