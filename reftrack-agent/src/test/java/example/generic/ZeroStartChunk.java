package example.generic;

/**
 * A pooled chunk counted as Jetty 12's pooled buffers are: it starts at count 0 in the pool,
 * {@code acquire()} takes the first reference when the pool hands it out, and the last
 * {@code release()} returns it to the pool.
 */
public class ZeroStartChunk {
    private final ChunkPool pool;
    private int refs;

    ZeroStartChunk(ChunkPool pool) {
        this.pool = pool;
    }

    /** Takes one reference. */
    public void acquire() {
        refs++;
    }

    /** Drops one reference; the last returns the chunk to its pool. */
    public void release() {
        if (refs <= 0) {
            throw new IllegalStateException("released more than acquired");
        }
        if (--refs == 0) {
            pool.put(this);
        }
    }
}
