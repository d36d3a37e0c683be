package example.generic;

/**
 * Shares {@link Pooled} objects of its three implementations in turn with a consumer that
 * releases them; one share in {@code leakEvery} is never released (at the {@code retain()} in
 * {@link #share}, the line the tests expect).
 *
 * <p>Arguments: {@code objects leakEvery}.
 */
public final class PooledApp {
    private PooledApp() {
    }

    /**
     * Runs the application.
     *
     * @param args objects, leakEvery
     */
    public static void main(String[] args) {
        int objects = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        for (int i = 0; i < objects; i++) {
            Pooled pooled = i % 3 == 0 ? new Slab() : i % 3 == 1 ? new BigSlab() : new Token();
            share(pooled, leakEvery > 0 && i % leakEvery == leakEvery - 1);
            pooled.release();
        }
        System.out.println("pooled " + objects);
    }

    private static void share(Pooled pooled, boolean forget) {
        pooled.retain();
        if (!forget) {
            pooled.release();
        }
    }
}
