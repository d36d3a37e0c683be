package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;

/** The plain Netty half of {@link ShadedApp}: the same frames through an unrelocated Netty. */
final class PlainFrames {
    private PlainFrames() {
    }

    static void run(int frames, int leakEvery) {
        PooledByteBufAllocator alloc = new PooledByteBufAllocator(false);
        for (int i = 0; i < frames; i++) {
            ByteBuf buf = alloc.buffer(16);
            buf.writeInt(i);
            keepPlain(buf, ShadedApp.forget(i, leakEvery));
            buf.release();
        }
    }

    private static void keepPlain(ByteBuf buf, boolean forget) {
        buf.retain();
        if (!forget) {
            buf.release();
        }
    }
}
