package io.github.reftrack.absent;

import io.github.reftrack.ContextSource;

/** A {@link ContextSource} provider registered for {@link java.util.ServiceLoader}, named {@code fixed}. */
public final class FixedTag implements ContextSource {
    /** Creates the provider, as the service loader does. */
    public FixedTag() {
    }

    @Override
    public String current() {
        return "fixed-tag";
    }

    @Override
    public String name() {
        return "fixed";
    }
}
