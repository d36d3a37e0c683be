package io.github.reftrack.agent;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code arrow}: Apache Arrow's buffers, by the ledger that counts the references of an
 * allocation ({@code org.apache.arrow.memory.BufferLedger}, what {@code ArrowBuf.getReferenceManager()}
 * returns). A ledger's count starts at 0 and its first reference is taken when an allocator hands
 * the memory out ({@code increment()}, under the user's {@code allocator.buffer(n)}): that is where a
 * lifetime starts. {@code retain()} calls {@code retain(1)} and {@code release()} (and
 * {@code ArrowBuf.close()}) {@code release(1)}, so only the {@code (int)} forms are instrumented,
 * each reference counted once.
 */
final class ArrowProfile implements LibraryProfile {
    @Override
    public String name() {
        return "arrow";
    }

    @Override
    public List<Profile> profiles(String argument, Consumer<String> problems) {
        if (argument != null) {
            problems.accept("arrow=" + argument + ": the arrow profile takes no argument; write arrow; skipped");
            return List.of();
        }
        return List.of(new Profile(name(), "arrow_buf", "org.apache.arrow.memory.BufferLedger", false,
                Set.of("increment()", "retain(int)"), Set.of("release(int)"), Set.of(), null,
                List.of("org.apache.arrow.memory."), ProfileRules.NONE));
    }
}
