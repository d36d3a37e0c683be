package example.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

class FrameCacheTest {

    @Test
    void replacesTheFrameItKeeps() {
        FrameCache cache = new FrameCache();
        ByteBuf first = PooledByteBufAllocator.DEFAULT.buffer(4).writeInt(1);
        ByteBuf second = PooledByteBufAllocator.DEFAULT.buffer(4).writeInt(2);

        cache.remember(first);
        cache.remember(second);

        assertSame(second, cache.last());
        assertEquals(1, first.refCnt()); // the cache gave its reference on the first frame back
        first.release();
        second.release();
        cache.clear();
    }

    @Test
    void keepsTheLastFrame() {
        FrameCache cache = new FrameCache();
        ByteBuf frame = PooledByteBufAllocator.DEFAULT.buffer(4).writeInt(42);

        cache.remember(frame);

        assertEquals(42, cache.last().getInt(0));
        frame.release();
        if (!Boolean.getBoolean("leak")) { // -Dleak=true: the test forgets to clear the cache
            cache.clear();
        }
    }
}
