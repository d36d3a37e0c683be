package example.generic;

/**
 * A chunk made for several consumers at once, counted as Jetty 12's {@code ReferenceCounter}: the
 * constructor takes the number of references it starts with (0 for a chunk whose first consumer
 * retains it), and the one without arguments starts with one.
 */
public class SharedChunk {
    private int refs;

    /** A chunk with one reference. */
    public SharedChunk() {
        this(1);
    }

    /**
     * A chunk with {@code refs} references.
     *
     * @param refs the references it starts with
     */
    public SharedChunk(int refs) {
        this.refs = refs;
    }

    /** Takes one reference. */
    public void retain() {
        refs++;
    }

    /** Drops one reference. */
    public void release() {
        if (refs <= 0) {
            throw new IllegalStateException("released more than acquired");
        }
        refs--;
    }
}
