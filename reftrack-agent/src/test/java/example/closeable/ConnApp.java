package example.closeable;

/**
 * Opens {@code count} connections, half of them pooled, and closes each twice, except one in
 * {@code leakEvery} which it drops unclosed.
 *
 * <p>Arguments: {@code count leakEvery}; {@code leakEvery} 0 leaks nothing.
 */
public final class ConnApp {
    private ConnApp() {
    }

    /**
     * Runs the application.
     *
     * @param args count, leakEvery
     */
    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        int closed = 0;
        for (int i = 0; i < count; i++) {
            Conn conn = connect(i % 2 == 0);
            if (leakEvery > 0 && i % leakEvery == leakEvery - 1) {
                continue;
            }
            try (conn) {
                closed++;
            }
            conn.close();
        }
        System.out.println("closed " + closed);
    }

    private static Conn connect(boolean pooled) {
        return pooled ? new PooledConn() : new Conn();
    }
}
