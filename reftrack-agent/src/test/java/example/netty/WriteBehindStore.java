package example.netty;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Keeps frames until they are flushed; a refused frame is dropped on the floor (the planted leak). */
final class WriteBehindStore {
    private final List<ByteBuf> pending = new ArrayList<>();
    private final int refuseEvery;
    long written;

    WriteBehindStore(int refuseEvery) {
        this.refuseEvery = refuseEvery;
    }

    void put(ByteBuf frame) {
        frame.retain();
        pending.add(frame);
    }

    void flush() {
        for (ByteBuf frame : pending) {
            int id = frame.getInt(frame.readerIndex());
            if (refuseEvery > 0 && id % refuseEvery == refuseEvery - 1) {
                continue; // rare error branch: the frame is refused and never released
            }
            written += frame.readableBytes();
            frame.release();
        }
        pending.clear();
    }
}
