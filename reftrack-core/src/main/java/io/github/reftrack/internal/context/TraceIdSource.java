package io.github.reftrack.internal.context;

import io.github.reftrack.ContextSource;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * The tag {@code trace <id>} of the current OpenTelemetry span, read through method handles on
 * {@code Span.current().getSpanContext()} found once; no tag outside a valid span or without
 * OpenTelemetry's API. Thread-safe.
 */
public final class TraceIdSource implements ContextSource {
    /** The name {@code -Dreftrack.context} selects this source by. */
    public static final String NAME = "trace";

    private static final String SPAN = "io.opentelemetry.api.trace.Span";
    private static final String SPAN_CONTEXT = "io.opentelemetry.api.trace.SpanContext";

    /** {@code () -> Object}: the current span's context; {@code null} when the API is missing. */
    private final MethodHandle spanContext;
    private final MethodHandle isValid;
    private final MethodHandle traceId;

    private TraceIdSource(MethodHandle spanContext, MethodHandle isValid, MethodHandle traceId) {
        this.spanContext = spanContext;
        this.isValid = isValid;
        this.traceId = traceId;
    }

    /**
     * Makes the source, looking OpenTelemetry up now.
     *
     * @return the source
     */
    public static TraceIdSource create() {
        Class<?> span = Library.find(SPAN);
        Class<?> context = Library.find(SPAN_CONTEXT);
        Throwable why = null;
        if (span != null && context != null) {
            try {
                MethodHandle current = Library.staticMethod(span, "current", span);
                MethodHandle getContext = Library.method(span, "getSpanContext", context);
                MethodHandle spanContext = MethodHandles.filterReturnValue(current, getContext)
                        .asType(MethodType.methodType(Object.class));
                MethodHandle isValid = Library.method(context, "isValid", boolean.class)
                        .asType(MethodType.methodType(boolean.class, Object.class));
                MethodHandle traceId = Library.method(context, "getTraceId", String.class)
                        .asType(MethodType.methodType(String.class, Object.class));
                return new TraceIdSource(spanContext, isValid, traceId);
            } catch (ReflectiveOperationException | RuntimeException e) {
                why = e;
            }
        }
        Library.missing(NAME, SPAN, why);
        return new TraceIdSource(null, null, null);
    }

    @Override
    public String current() {
        if (spanContext == null) {
            return null;
        }
        try {
            Object context = spanContext.invokeExact();
            if (context == null || !(boolean) isValid.invokeExact(context)) {
                return null;
            }
            return "trace " + (String) traceId.invokeExact(context);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String toString() {
        return "ContextSource[" + NAME + (spanContext == null ? ", OpenTelemetry missing" : "") + "]";
    }
}
