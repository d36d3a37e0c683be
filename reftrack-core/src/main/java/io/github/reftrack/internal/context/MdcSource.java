package io.github.reftrack.internal.context;

import io.github.reftrack.ContextSource;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;

/**
 * The tag {@code key=value} of an SLF4J MDC key, read through a method handle on
 * {@code org.slf4j.MDC.get(String)} found once; no tag without SLF4J. Thread-safe.
 */
public final class MdcSource implements ContextSource {
    private static final String MDC = "org.slf4j.MDC";

    private final String key;
    private final String prefix;
    /** {@code (String) -> String}, or {@code null} when SLF4J is missing. */
    private final MethodHandle get;

    private MdcSource(String key, MethodHandle get) {
        this.key = key;
        this.prefix = key + '=';
        this.get = get;
    }

    /**
     * Makes the source, looking SLF4J up now.
     *
     * @param key the MDC key
     * @return the source
     * @throws IllegalArgumentException if {@code key} is null or blank
     */
    public static MdcSource of(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("an MDC context source needs a key, e.g. mdc:requestId; was "
                    + (key == null ? "null" : "'" + key + "'"));
        }
        Class<?> mdc = Library.find(MDC);
        MethodHandle get = null;
        Throwable why = null;
        if (mdc != null) {
            try {
                get = Library.staticMethod(mdc, "get", String.class, String.class)
                        .asType(MethodType.methodType(String.class, String.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                why = e;
            }
        }
        if (get == null) {
            Library.missing("mdc:" + key, MDC, why);
        }
        return new MdcSource(key, get);
    }

    @Override
    public String current() {
        if (get == null) {
            return null;
        }
        String value;
        try {
            value = (String) get.invokeExact(key);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        return value == null ? null : prefix + value;
    }

    @Override
    public String name() {
        return "mdc:" + key;
    }

    @Override
    public String toString() {
        return "ContextSource[" + name() + (get == null ? ", SLF4J missing" : "") + "]";
    }
}
