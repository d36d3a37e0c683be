package io.github.reftrack.internal.engine;

import io.github.reftrack.CallStack;
import io.github.reftrack.Misuse;
import io.github.reftrack.internal.capture.RawCapture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One directory's misuse reports, each kind once (the kernel's {@code WARN_ON_ONCE}): a misuse
 * repeated on a hot path (say, every free after close) is reported the first time and then only
 * costs one atomic read, with no stack capture. With {@code onError=throw} every occurrence
 * throws, reported or not. Thread-safe.
 */
final class MisuseReporter {
    private final Engine engine;
    private final String className;
    private final String dirName;
    /** Kinds already reported, one bit per {@link Misuse.Kind}. */
    private final AtomicInteger reported = new AtomicInteger();

    MisuseReporter(Engine engine, String className, String dirName) {
        this.engine = engine;
        this.className = className;
        this.dirName = dirName;
    }

    /**
     * Reports misuse at the caller's stack. The stack is captured only when the misuse will be
     * reported or thrown.
     */
    void here(Misuse.Kind kind, String message) {
        report(kind, message, null, true);
    }

    /** Reports misuse with a stack already captured, or none ({@code at == null}). */
    void at(Misuse.Kind kind, String message, RawCapture at) {
        report(kind, message, at, false);
    }

    /** Reports a {@code free} of a tracker that is null or not this directory's. */
    void refused(Tracker tracker) {
        if (tracker == null) {
            here(Misuse.Kind.NULL_TRACKER, "free(null): pass the tracker that alloc() returned; a reference"
                    + " taken with allocUntracked() is released with freeUntracked()");
        } else {
            String owner = tracker.dir != null ? "directory " + tracker.dir.name()
                    : tracker == Tracker.NOOP ? "the disabled directory" : "no directory";
            here(Misuse.Kind.FOREIGN_TRACKER, "free() of a tracker that belongs to " + owner
                    + ", not to this one: release it through the directory whose alloc() returned it");
        }
    }

    /**
     * Claims this occurrence of {@code kind} for an event other than {@link Misuse} (a double
     * release among references without a stack).
     *
     * @return whether to raise it: the first of its kind, or any with {@code onError=throw}
     */
    boolean due(Misuse.Kind kind) {
        return firstOf(kind) || engine.events().throwOnError();
    }

    private void report(Misuse.Kind kind, String message, RawCapture at, boolean captureHere) {
        boolean first = firstOf(kind);
        if (first || engine.events().throwOnError()) {
            CallStack where = engine.callStack(captureHere ? engine.capture().capture() : at);
            engine.events().misuse(new Misuse(kind, className, dirName, message, where), first);
        }
    }

    private boolean firstOf(Misuse.Kind kind) {
        int bit = 1 << kind.ordinal();
        return (reported.getAndUpdate(v -> v | bit) & bit) == 0;
    }
}
