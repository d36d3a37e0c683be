package io.github.reftrack.agent;

import io.github.reftrack.FrameFilter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter's verdict on each class name the agent meets in an acquire's or release's frames,
 * remembered: every acquire and paired release asks for each frame above the user's, and
 * matching a name against the filter's prefixes and names each time cost more than decoding the
 * frames. A verdict holds while the filter's {@link FrameFilter#generation() generation} is the
 * one it was reached under. Reflection's own frames are hidden too, as a {@link StackWalker}
 * hides them. Thread-safe.
 */
final class HiddenNames {
    /** One answer of the filter, under one generation. */
    private record Verdict(int generation, boolean hidden) {
    }

    private final FrameFilter filter;
    private final ConcurrentHashMap<String, Verdict> verdicts = new ConcurrentHashMap<>();

    HiddenNames(FrameFilter filter) {
        this.filter = filter;
    }

    /** Whether the frames of the class of this name are not the user's. */
    boolean hides(String className) {
        int generation = filter.generation();
        Verdict verdict = verdicts.get(className);
        if (verdict == null || verdict.generation() != generation) {
            // racing threads may both ask the filter: each stores a verdict right for its generation
            verdict = new Verdict(generation, reflection(className) || filter.hides(className));
            verdicts.put(className, verdict);
        }
        return verdict.hidden();
    }

    private static boolean reflection(String className) {
        return className.equals("java.lang.reflect.Method") || className.equals("java.lang.reflect.Constructor")
                || className.startsWith("jdk.internal.reflect.") || className.startsWith("java.lang.invoke.LambdaForm");
    }
}
