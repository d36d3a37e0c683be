package io.github.reftrack.internal.context;

import io.github.reftrack.ContextSource;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Reads the value of {@code -Dreftrack.context}: sources separated by commas, asked in order until
 * one gives a tag. {@code mdc:<key>} is an SLF4J MDC key, {@code trace} the OpenTelemetry trace
 * id, any other name a {@link ServiceLoader} provider of {@link ContextSource} with that
 * {@link ContextSource#name()}. A name nothing answers to is logged once and skipped. Stateless.
 */
public final class ContextSpec {
    private static final String MDC_PREFIX = "mdc:";

    private ContextSpec() {
    }

    /**
     * Makes the source a property value names.
     *
     * @param spec the value, e.g. {@code mdc:requestId,trace}; {@code null} or blank for none
     * @return the source, or {@code null} when the value names none that exists
     */
    public static ContextSource parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return null;
        }
        List<ContextSource> sources = new ArrayList<>();
        for (String entry : spec.split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            ContextSource source = named(name);
            if (source != null) {
                sources.add(source);
            }
        }
        return FirstOf.of(sources);
    }

    private static ContextSource named(String name) {
        if (name.startsWith(MDC_PREFIX)) {
            String key = name.substring(MDC_PREFIX.length()).trim();
            if (key.isEmpty()) {
                unknown(name, "mdc: needs a key, e.g. mdc:requestId");
                return null;
            }
            return MdcSource.of(key);
        }
        if (name.equals(TraceIdSource.NAME)) {
            return TraceIdSource.create();
        }
        List<String> known = new ArrayList<>();
        try {
            for (ContextSource provider : ServiceLoader.load(ContextSource.class)) {
                if (name.equals(provider.name())) {
                    return provider;
                }
                known.add(provider.name());
            }
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            unknown(name, "the ContextSource providers could not be loaded: " + e);
            return null;
        }
        unknown(name, "expected mdc:<key>, trace, or the name of a ContextSource provider"
                + (known.isEmpty() ? " (none is on the class path)" : " " + known));
        return null;
    }

    private static void unknown(String name, String expected) {
        System.getLogger("io.github.reftrack").log(System.Logger.Level.WARNING,
                "-Dreftrack.context: no context source '" + name + "', skipped: " + expected);
    }
}
