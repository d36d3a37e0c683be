package io.github.reftrack.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Which frames the HTML call tree folds away: frames of machinery between the code that took a
 * reference and the code that called it (reflection, method handles, launchers, test runners,
 * picocli), matched by class-name prefix. Folded frames are counted, never dropped silently: the
 * page shows {@code n frames hidden} where they were. Immutable and thread-safe.
 *
 * @param prefixes class-name prefixes of the frames to hide
 */
record FrameFilter(List<String> prefixes) {
    /** Hides nothing. */
    static final FrameFilter NONE = new FrameFilter(List.of());
    /** Reflection, method handles, the JDK's launchers, JUnit's and Maven Surefire's runners, picocli. */
    static final FrameFilter DEFAULT = new FrameFilter(List.of(
            "java.lang.reflect.", "jdk.internal.reflect.", "sun.reflect.", "java.lang.invoke.",
            "com.sun.tools.javac.launcher.", "sun.launcher.",
            "org.junit.platform.", "org.junit.jupiter.engine.", "org.apache.maven.surefire.",
            "picocli."));

    FrameFilter {
        prefixes = List.copyOf(prefixes);
    }

    /** This filter and the given prefixes as well. */
    FrameFilter and(List<String> more) {
        List<String> all = new ArrayList<>(prefixes);
        more.stream().map(String::strip).filter(prefix -> !prefix.isEmpty()).forEach(all::add);
        return new FrameFilter(all);
    }

    /** Whether the call tree folds this frame away. */
    boolean hides(StackTraceElement frame) {
        String className = frame.getClassName();
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
