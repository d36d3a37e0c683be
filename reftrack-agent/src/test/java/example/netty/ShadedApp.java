package example.netty;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.PooledByteBufAllocator;

/**
 * Buffers of gRPC's relocated Netty ({@code io.grpc.netty.shaded.io.netty}) and, with a third
 * argument, of a plain Netty beside it in the same JVM: each frame is retained for a consumer that
 * releases it, except one in {@code leakEvery} (relocated) or {@code plainLeakEvery} (plain).
 *
 * <p>Arguments: {@code frames leakEvery [plainLeakEvery]}.
 */
public final class ShadedApp {
    private ShadedApp() {
    }

    /**
     * Runs the application.
     *
     * @param args frames, leakEvery, plainLeakEvery
     */
    public static void main(String[] args) {
        int frames = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(false);
        for (int i = 0; i < frames; i++) {
            ByteBuf buf = alloc.buffer(16);
            buf.writeInt(i);
            keepShaded(buf, forget(i, leakEvery));
            buf.release();
        }
        if (args.length > 2) {
            PlainFrames.run(frames, Integer.parseInt(args[2]));
        }
        System.out.println("frames " + frames);
    }

    private static void keepShaded(ByteBuf buf, boolean forget) {
        buf.retain();
        if (!forget) {
            buf.release();
        }
    }

    static boolean forget(int i, int leakEvery) {
        return leakEvery > 0 && i % leakEvery == leakEvery - 1;
    }
}
