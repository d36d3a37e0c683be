package example.closeable;

/** A connection whose {@code close()} does its own work and then its superclass's: one release. */
public final class PooledConn extends Conn {
    private int returned;

    /** Opens a pooled connection. */
    public PooledConn() {
    }

    @Override
    public void close() {
        returned++;
        super.close();
    }

    /** How many times it was closed. */
    public int returned() {
        return returned;
    }
}
