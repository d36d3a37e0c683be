package io.github.reftrack;

import io.github.reftrack.internal.context.MdcSource;
import io.github.reftrack.internal.context.TraceIdSource;

/**
 * Where a reference was taken beyond its stack: a short tag read when the reference is taken
 * (the request, the trace, the test), which reports count per stack group
 * ({@code taken during: CacheTest.evicts() (3), CacheTest.loads() (1)}).
 *
 * <p>A runtime asks its source once per tracked reference, on the thread that takes it, outside
 * any lock; a runtime without a source asks nothing and its trackers carry no tag. Choose one
 * with {@link RefTrackingRuntime.Builder#contextSource} or, for the default runtime and the
 * agent, with {@value RefTracking#CONTEXT_PROPERTY} (which also names sources registered as
 * {@link java.util.ServiceLoader} providers of this interface, by {@link #name()}). A tag bound
 * with {@link RefContext#bind} (the JUnit extension binds the running test's name) comes before
 * the source.
 *
 * <pre>{@code
 * RefTrackingRuntime runtime = RefTrackingRuntime.builder()
 *         .contextSource(ContextSource.mdc("requestId"))   // tags like "requestId=r-17"
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe and fast (they run on every tracked acquire) and should
 * return short strings: a tag longer than {@value RefContext#MAX_LENGTH} characters is cut. A
 * source that throws gives no tag; the first failure is logged once.
 */
public interface ContextSource {
    /**
     * Returns the tag of the calling thread now.
     *
     * @return a short tag, or {@code null} (or empty) for none
     */
    String current();

    /**
     * Returns the name {@value RefTracking#CONTEXT_PROPERTY} selects this source by when it is a
     * {@link java.util.ServiceLoader} provider.
     *
     * @return the class's simple name, unless overridden
     */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Returns a source reading an SLF4J MDC key: the tag is {@code key=value}, none when the key is
     * not set. SLF4J is looked up once, through reflection, when this is called: reftrack does not
     * depend on it. Without {@code org.slf4j.MDC} on the class path the source gives no tag and
     * says so once in the log.
     *
     * @param key the MDC key, e.g. {@code requestId}
     * @return the source
     * @throws IllegalArgumentException if {@code key} is null or blank
     */
    static ContextSource mdc(String key) {
        return MdcSource.of(key);
    }

    /**
     * Returns a source reading the current OpenTelemetry span's trace id: the tag is
     * {@code trace <32 hex digits>}, none outside a valid span. OpenTelemetry's API is looked up
     * once, through reflection, when this is called; without it on the class path the source gives
     * no tag and says so once in the log.
     *
     * @return the source
     */
    static ContextSource traceId() {
        return TraceIdSource.create();
    }
}
