package io.github.reftrack.internal.context;

import io.github.reftrack.ContextSource;
import io.github.reftrack.RefContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a directory asks for the tag of each reference it tracks: the tag bound to the thread
 * ({@link RefContext}), if the directory looks for one, else the runtime's {@link ContextSource}.
 * A source that throws gives no tag (logged once); an empty tag is none; a long one is cut to
 * {@link RefContext#MAX_LENGTH} characters. A directory with nothing to ask holds {@code null}
 * instead of one of these, so its acquires do no work for tags. Thread-safe.
 */
public final class Contexts {
    private static final String CUT = "...";

    private final ContextSource source;
    private final boolean threadTags;
    private final AtomicBoolean failureLogged;

    private Contexts(ContextSource source, boolean threadTags, AtomicBoolean failureLogged) {
        this.source = source;
        this.threadTags = threadTags;
        this.failureLogged = failureLogged;
    }

    /**
     * Returns what a new directory asks: nothing when no source is configured and no tag was ever
     * bound to a thread.
     *
     * @param source        the runtime's source, or {@code null}
     * @param failureLogged shared by the runtime's directories, so a failing source is logged once
     * @return the lookup, or {@code null} for none
     */
    public static Contexts forNewDirectory(ContextSource source, AtomicBoolean failureLogged) {
        boolean threadTags = RefContext.used();
        if (source == null && !threadTags) {
            return null;
        }
        return new Contexts(source, threadTags, failureLogged);
    }

    /**
     * Returns the calling thread's tag now.
     *
     * @return the tag, at most {@link RefContext#MAX_LENGTH} characters, or {@code null}
     */
    public String current() {
        String tag = threadTags ? RefContext.current() : null;
        if (tag == null && source != null) {
            tag = fromSource();
        }
        if (tag == null || tag.isEmpty()) {
            return null;
        }
        return tag.length() <= RefContext.MAX_LENGTH ? tag
                : tag.substring(0, RefContext.MAX_LENGTH - CUT.length()) + CUT;
    }

    private String fromSource() {
        try {
            return source.current();
        } catch (RuntimeException | LinkageError e) {
            if (failureLogged.compareAndSet(false, true)) {
                System.getLogger("io.github.reftrack").log(System.Logger.Level.WARNING,
                        "context source " + source.name() + " failed, references it is asked about get no tag"
                        + " (logged once): " + e);
            }
            return null;
        }
    }
}
