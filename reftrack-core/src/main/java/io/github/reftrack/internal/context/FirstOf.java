package io.github.reftrack.internal.context;

import io.github.reftrack.ContextSource;
import java.util.List;

/** Several sources asked in order; the first tag wins. Thread-safe if its sources are. */
final class FirstOf implements ContextSource {
    private final ContextSource[] sources;

    private FirstOf(List<ContextSource> sources) {
        this.sources = sources.toArray(ContextSource[]::new);
    }

    /** The one source, several in order, or {@code null} for none. */
    static ContextSource of(List<ContextSource> sources) {
        if (sources.isEmpty()) {
            return null;
        }
        return sources.size() == 1 ? sources.get(0) : new FirstOf(sources);
    }

    @Override
    public String current() {
        for (ContextSource source : sources) {
            String tag = source.current();
            if (tag != null && !tag.isEmpty()) {
                return tag;
            }
        }
        return null;
    }

    @Override
    public String name() {
        StringBuilder out = new StringBuilder();
        for (ContextSource source : sources) {
            out.append(out.length() == 0 ? "" : ",").append(source.name());
        }
        return out.toString();
    }
}
