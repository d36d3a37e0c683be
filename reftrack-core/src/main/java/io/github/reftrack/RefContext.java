package io.github.reftrack;

/**
 * A context tag bound to the calling thread: references tracked on the thread while it is bound
 * carry it (see {@link ContextSource}), before whatever the runtime's source says. The reftrack
 * JUnit extension binds the running test's display name, e.g. {@code CacheTest.evicts()}, for the
 * test (and the class's name for {@code @BeforeAll}).
 *
 * <pre>{@code
 * try (RefContext.Binding binding = RefContext.bind("import job 7")) {
 *     runTheJob();
 * }
 * }</pre>
 *
 * <p>Cost: nothing on any acquire until the first {@code bind} in the process. From then on,
 * directories created afterwards read the thread's tag (a thread-local read) on each tracked
 * acquire; directories created before keep to their runtime's source. Thread-safe.
 */
public final class RefContext {
    /** The longest tag kept, in characters; a longer one is cut and ends with {@code ...}. */
    public static final int MAX_LENGTH = 120;

    private static final ThreadLocal<String> BOUND = new ThreadLocal<>();
    private static volatile boolean used;

    private RefContext() {
    }

    /**
     * Binds {@code tag} to the calling thread until the binding is closed, which puts back what
     * was bound before (bindings nest).
     *
     * @param tag the tag, e.g. a test's display name
     * @return the binding to close on the same thread
     * @throws NullPointerException if {@code tag} is null
     */
    public static Binding bind(String tag) {
        if (tag == null) {
            throw new NullPointerException("tag");
        }
        used = true;
        String previous = BOUND.get();
        BOUND.set(tag);
        return new Binding(previous);
    }

    /**
     * Returns the tag bound to the calling thread.
     *
     * @return the tag, or {@code null} if none is bound
     */
    public static String current() {
        return BOUND.get();
    }

    /**
     * Returns whether any thread ever bound a tag in this process.
     *
     * @return {@code true} after the first {@link #bind}
     */
    public static boolean used() {
        return used;
    }

    /** An open binding; {@link #close()} puts back the tag bound before it. */
    public static final class Binding implements AutoCloseable {
        private final String previous;
        private boolean closed;

        private Binding(String previous) {
            this.previous = previous;
        }

        /** Puts back the tag bound before; idempotent. Call it on the thread that bound. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }
}
