package example.generic;

/**
 * A buffer counted as Apache Arrow's are: {@code retain()} calls {@code retain(1)} and
 * {@code release()} calls {@code release(1)} on the same object, so a spec naming both arities
 * sees two tracked calls for one reference.
 */
public class ArrowLikeBuf {
    private int refs = 1;

    /** Takes one reference. */
    public void retain() {
        retain(1);
    }

    /**
     * Takes {@code n} references.
     *
     * @param n how many
     */
    public void retain(int n) {
        if (refs <= 0) {
            throw new IllegalStateException("retain of a released buffer");
        }
        refs += n;
    }

    /**
     * Drops one reference.
     *
     * @return whether it was the last
     */
    public boolean release() {
        return release(1);
    }

    /**
     * Drops {@code n} references.
     *
     * @param n how many
     * @return whether they were the last
     */
    public boolean release(int n) {
        if (refs < n) {
            throw new IllegalStateException("released more than retained");
        }
        refs -= n;
        return refs == 0;
    }
}
