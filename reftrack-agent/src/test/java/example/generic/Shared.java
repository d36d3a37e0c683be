package example.generic;

import java.util.concurrent.atomic.AtomicInteger;

/** A ref-counted object of the test's own shared by several threads: {@code acquire} and {@code release}. */
public class Shared {
    private final AtomicInteger count = new AtomicInteger(1);

    /** Takes one reference. */
    public void acquire() {
        count.incrementAndGet();
    }

    /** Drops one reference. */
    public void release() {
        count.decrementAndGet();
    }

    /**
     * Returns the count.
     *
     * @return the references held
     */
    public int count() {
        return count.get();
    }
}
