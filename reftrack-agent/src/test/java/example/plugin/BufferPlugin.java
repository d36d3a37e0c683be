package example.plugin;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A plugin's code, loaded by {@link PluginHost} in a class loader of its own together with a copy
 * of Netty: each round allocates a buffer, retains it, and releases both references.
 */
public final class BufferPlugin implements Runnable {
    private final int rounds;

    /**
     * A plugin that runs this many rounds per {@link #run()}.
     *
     * @param rounds how many buffers to cycle
     */
    public BufferPlugin(int rounds) {
        this.rounds = rounds;
    }

    @Override
    public void run() {
        for (int i = 0; i < rounds; i++) {
            ByteBuf buf = Unpooled.buffer(16);
            buf.writeInt(i).retain();
            buf.release();
            buf.release();
        }
    }
}
