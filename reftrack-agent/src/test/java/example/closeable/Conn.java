package example.closeable;

/** A stand-in for a JDBC connection: opened by its constructor, released by {@code close()}, which may be repeated. */
public class Conn implements AutoCloseable {
    private boolean closed;

    /** Opens a connection. */
    public Conn() {
    }

    /** Whether it was closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
