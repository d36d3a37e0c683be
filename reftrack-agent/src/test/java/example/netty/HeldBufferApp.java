package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Allocates {@code quick} pooled buffers and releases each at once, then allocates one more that it
 * holds until reftrack's MXBean has counted one long-held reference (or {@code waitMillis}
 * passed), and releases it too: a correct program, one of whose references is held long. Prints
 * the count the MXBean gave.
 *
 * <p>Arguments: {@code quick waitMillis}.
 */
public final class HeldBufferApp {
    private HeldBufferApp() {
    }

    /**
     * Runs the application.
     *
     * @param args quick, waitMillis
     * @throws Exception if the MXBean cannot be read
     */
    public static void main(String[] args) throws Exception {
        int quick = Integer.parseInt(args[0]);
        long waitMillis = Long.parseLong(args[1]);
        for (int i = 0; i < quick; i++) {
            PooledByteBufAllocator.DEFAULT.buffer(16).writeInt(i).release();
        }
        ByteBuf held = holdOne();
        ObjectName name = new ObjectName("io.github.reftrack:type=RefTracking");
        long longHeld = 0;
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (longHeld < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            longHeld = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LongHeld");
        }
        held.release();
        System.out.println("mxbean longHeld " + longHeld);
    }

    private static ByteBuf holdOne() {
        return PooledByteBufAllocator.DEFAULT.buffer(16);
    }
}
