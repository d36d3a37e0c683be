package io.github.reftrack.maven;

import java.util.List;

/**
 * One problem read from one line of an event log: a leaked group of references (from a
 * {@code leak}, {@code abandonedDirectory} or {@code lostReference} event) or a double release.
 *
 * @param kind        what went wrong
 * @param fingerprint the stack's fingerprint, stable across line-number changes
 * @param className   the tracked class, as the agent names its directories
 * @param frames      the stack, first frame first, as {@code pkg.Class.method(File.java:N)}
 * @param references  how many references this line reports
 * @param object      the reported object's directory name (the same object can be reported twice:
 *                    by the GC and at exit), or the empty string
 * @param source      where it was read, {@code file:line}
 */
record Finding(Kind kind, String fingerprint, String className, List<String> frames, long references,
        String object, String source) {

    /** The log file part of {@link #source}. */
    String file() {
        return source.substring(0, source.lastIndexOf(':'));
    }

    /** What a finding reports; the names are the values of the {@code failOn} parameter. */
    enum Kind {
        LEAK("leak"),
        DOUBLE_RELEASE("doubleRelease");

        private final String parameterName;

        Kind(String parameterName) {
            this.parameterName = parameterName;
        }

        String parameterName() {
            return parameterName;
        }
    }

    Finding {
        frames = List.copyOf(frames);
    }
}
