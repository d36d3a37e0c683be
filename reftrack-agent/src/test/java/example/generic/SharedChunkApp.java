package example.generic;

/**
 * {@link SharedChunk}s made three ways in turn: for one consumer ({@code new SharedChunk()}), for
 * two consumers at once ({@code new SharedChunk(2)}, in {@link #forTwo}, the line the tests
 * expect a leak at), and with no reference, retained by its one consumer ({@code new
 * SharedChunk(0)}). Each consumer releases its reference, except the second consumer of one
 * two-consumer chunk in {@code leakEvery} two-consumer chunks.
 *
 * <p>Arguments: {@code chunks leakEvery}.
 */
public final class SharedChunkApp {
    private SharedChunkApp() {
    }

    /**
     * Runs the application.
     *
     * @param args chunks, leakEvery
     */
    public static void main(String[] args) {
        System.out.println("started");
        int chunks = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        for (int i = 0; i < chunks; i++) {
            switch (i % 3) {
                case 0 -> new SharedChunk().release();
                case 1 -> forTwo(leakEvery > 0 && i / 3 % leakEvery == leakEvery - 1);
                default -> retainedByItsConsumer();
            }
        }
        System.out.println("chunks " + chunks);
    }

    private static void forTwo(boolean forget) {
        SharedChunk chunk = new SharedChunk(2);
        chunk.release();
        if (!forget) {
            chunk.release();
        }
    }

    private static void retainedByItsConsumer() {
        SharedChunk chunk = new SharedChunk(0);
        chunk.retain();
        chunk.release();
    }
}
