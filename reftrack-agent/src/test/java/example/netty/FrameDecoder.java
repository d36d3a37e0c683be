package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/** Cuts the inbound bytes into fixed-size frames, each a retained slice of the cumulation. */
final class FrameDecoder extends ByteToMessageDecoder {
    static final int FRAME = 16;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= FRAME) {
            out.add(in.readRetainedSlice(FRAME));
        }
    }
}
