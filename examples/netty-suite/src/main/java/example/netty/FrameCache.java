package example.netty;

import io.netty.buffer.ByteBuf;

/** Keeps the last frame seen, for replay: it holds a reference of its own until cleared. */
public final class FrameCache {
    private ByteBuf last;

    /** Remembers {@code frame}, taking a reference on it; the caller keeps its own. */
    public void remember(ByteBuf frame) {
        clear();
        last = frame.retain();
    }

    /** The last frame, or null. */
    public ByteBuf last() {
        return last;
    }

    /** Lets go of the remembered frame. */
    public void clear() {
        if (last != null) {
            last.release();
            last = null;
        }
    }
}
