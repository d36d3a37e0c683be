package example.netty;

import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;

/** The protocol: frames of up to 64 KiB with a 2-byte length prefix, stripped. */
public final class Frames {
    private Frames() {
    }

    /** A new decoder (one per channel: decoders keep state). */
    public static ChannelHandler decoder() {
        return new LengthFieldBasedFrameDecoder(65_535, 0, 2, 0, 2);
    }
}
