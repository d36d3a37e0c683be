package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** Hands each frame to the store, then drops its own reference. */
final class StoreHandler extends ChannelInboundHandlerAdapter {
    private final WriteBehindStore store;

    StoreHandler(WriteBehindStore store) {
        this.store = store;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        store.put(frame);
        frame.release();
    }
}
