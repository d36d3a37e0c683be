package io.github.reftrack.agent;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code jetty}: Jetty 12's retainable buffers and chunks, by the object that counts their
 * references, {@code org.eclipse.jetty.io.Retainable$ReferenceCounter}. Every
 * {@code RetainableByteBuffer} implementation delegates {@code retain()} and {@code release()} to
 * one (a slice to its parent's), so each count is tracked once, whichever wrapper the user holds.
 *
 * <p>Births follow the counter's own count: {@code ReferenceCounter(int)}, to which the no-argument
 * constructor delegates with 1, starts a lifetime with its argument; a pooled buffer's counter is
 * made with 0 and each time {@code ArrayByteBufferPool} hands the buffer out, {@code acquire()}
 * takes it from 0 to 1 (it throws otherwise): a new lifetime, as Netty's {@code resetRefCnt()}.
 * Releasing the last reference ends the lifetime before the buffer is back in the pool.
 * {@code retain()} calls {@code tryRetain()}, the only acquire method instrumented.
 *
 * <p>A pool keeps its buffers reachable: a pooled buffer never released is never collected, and is
 * reported by a hold threshold or as outstanding at exit; a non-pooled one is found by the GC.
 */
final class JettyProfile implements LibraryProfile {
    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public List<Profile> profiles(String argument, Consumer<String> problems) {
        if (argument != null) {
            problems.accept("jetty=" + argument + ": the jetty profile takes no argument; write jetty; skipped");
            return List.of();
        }
        return List.of(new Profile(name(), "jetty_retainable", "org.eclipse.jetty.io.Retainable$ReferenceCounter",
                false, Set.of("tryRetain()"), Set.of("release()"), Set.of("<init>(int)", "acquire()"), null,
                List.of("org.eclipse.jetty."), ProfileRules.NONE));
    }
}
