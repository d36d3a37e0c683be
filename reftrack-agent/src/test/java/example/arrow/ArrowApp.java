package example.arrow;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Apache Arrow buffers shared with a consumer that retains each one and releases it, except one in
 * {@code leakEvery} (the {@code retain()} in {@link #share} is the line the tests expect). A clean
 * run closes the allocator, whose own check throws if any memory is still allocated.
 *
 * <p>Arguments: {@code buffers leakEvery}.
 */
public final class ArrowApp {
    private ArrowApp() {
    }

    /**
     * Runs the application.
     *
     * @param args buffers, leakEvery
     */
    public static void main(String[] args) {
        int buffers = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        BufferAllocator allocator = new RootAllocator();
        for (int i = 0; i < buffers; i++) {
            ArrowBuf buf = allocator.buffer(64);
            buf.setInt(0, i);
            share(buf, leakEvery > 0 && i % leakEvery == leakEvery - 1);
            buf.close();
        }
        if (leakEvery == 0) {
            allocator.close();
        }
        System.out.println("buffers " + buffers);
    }

    private static void share(ArrowBuf buf, boolean forget) {
        buf.getReferenceManager().retain();
        if (!forget) {
            buf.getReferenceManager().release();
        }
    }
}
