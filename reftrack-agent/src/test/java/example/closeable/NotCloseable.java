package example.closeable;

/** A class with a {@code close()} that is not {@code AutoCloseable}. */
public final class NotCloseable {
    /** Creates one. */
    public NotCloseable() {
    }

    /** Not a release reftrack can rely on. */
    public void close() {
    }
}
