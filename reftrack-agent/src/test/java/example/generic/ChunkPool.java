package example.generic;

import java.util.ArrayDeque;

/** The pool of {@link ZeroStartChunk}s: hands out a free chunk (or a new one) with its first reference. */
public final class ChunkPool {
    private final ArrayDeque<ZeroStartChunk> free = new ArrayDeque<>();

    /**
     * A chunk with one reference, the caller's.
     *
     * @return the chunk
     */
    public ZeroStartChunk take() {
        ZeroStartChunk chunk = free.poll();
        if (chunk == null) {
            chunk = new ZeroStartChunk(this);
        }
        chunk.acquire();
        return chunk;
    }

    void put(ZeroStartChunk chunk) {
        free.push(chunk);
    }
}
