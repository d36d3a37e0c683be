package example;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BufferTest {

    @Test
    void keepsACopy() {
        ByteBuf frame = Unpooled.buffer(16).writeInt(42);
        ByteBuf kept = keep(frame);
        assertEquals(42, kept.getInt(0));
        if (!Boolean.getBoolean("leak")) {
            kept.release();
        }
        frame.release();
    }

    private static ByteBuf keep(ByteBuf frame) {
        return frame.retain();
    }
}
