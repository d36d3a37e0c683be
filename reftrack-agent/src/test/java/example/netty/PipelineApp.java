package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * A small Netty application run in a child JVM by the tests: frames pass a decoder and a handler
 * into a write-behind store.
 *
 * <p>Arguments: {@code allocator frames refuseEvery scenario}; allocator is {@code pooled},
 * {@code unpooled} or {@code adaptive} (Netty 4.2 only, else unpooled); scenario is
 * {@code pipeline} or {@code double-release}.
 */
public final class PipelineApp {
    private PipelineApp() {
    }

    /**
     * Runs the application.
     *
     * @param args allocator, frames, refuseEvery, scenario
     * @throws Exception if the allocator cannot be created
     */
    public static void main(String[] args) throws Exception {
        ByteBufAllocator alloc = allocator(args[0]);
        int frames = Integer.parseInt(args[1]);
        int refuseEvery = Integer.parseInt(args[2]);
        if (args.length > 3 && args[3].equals("double-release")) {
            doubleRelease(alloc);
            return;
        }
        WriteBehindStore store = new WriteBehindStore(refuseEvery);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(), new StoreHandler(store));
        for (int i = 0; i < frames; i++) {
            ByteBuf buf = alloc.buffer(FrameDecoder.FRAME);
            buf.writeInt(i).writeZero(FrameDecoder.FRAME - 4);
            channel.writeInbound(buf);
            if (i % 64 == 63) {
                store.flush();
            }
        }
        store.flush();
        channel.finishAndReleaseAll();
        System.out.println("frames " + frames + " written " + store.written);
    }

    private static void doubleRelease(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(8);
        buf.retain();
        buf.release();
        buf.release();
        try {
            buf.release();
        } catch (RuntimeException e) {
            System.out.println("netty threw " + e.getClass().getSimpleName());
        }
    }

    static ByteBufAllocator allocator(String name) throws ReflectiveOperationException {
        switch (name) {
            case "pooled":
                return new PooledByteBufAllocator(false);
            case "adaptive":
                try {
                    return (ByteBufAllocator) Class.forName("io.netty.buffer.AdaptiveByteBufAllocator")
                            .getConstructor().newInstance();
                } catch (ClassNotFoundException e) {
                    return new UnpooledByteBufAllocator(false);
                }
            default:
                return new UnpooledByteBufAllocator(false);
        }
    }
}
