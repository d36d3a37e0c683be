package example.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void decodesTwoFramesFromOneRead() {
        EmbeddedChannel channel = new EmbeddedChannel(Frames.decoder());
        ByteBuf input = Unpooled.buffer().writeShort(2).writeBytes("hi".getBytes(StandardCharsets.US_ASCII))
                .writeShort(3).writeBytes("you".getBytes(StandardCharsets.US_ASCII));

        channel.writeInbound(input);

        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        assertEquals("hi", first.toString(StandardCharsets.US_ASCII));
        assertEquals("you", second.toString(StandardCharsets.US_ASCII));
        first.release();
        second.release();
        assertNull(channel.readInbound());
        channel.finishAndReleaseAll();
    }

    @Test
    void waitsForTheRestOfAFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(Frames.decoder());

        channel.writeInbound(Unpooled.buffer().writeShort(4).writeByte('a'));
        assertNull(channel.readInbound());
        channel.writeInbound(Unpooled.buffer().writeBytes("bcd".getBytes(StandardCharsets.US_ASCII)));

        ByteBuf frame = channel.readInbound();
        assertEquals("abcd", frame.toString(StandardCharsets.US_ASCII));
        frame.release();
        channel.finishAndReleaseAll();
    }
}
