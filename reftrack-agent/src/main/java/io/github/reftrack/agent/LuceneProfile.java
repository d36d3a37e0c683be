package io.github.reftrack.agent;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code lucene}: the top-level readers {@code SearcherManager} and {@code DirectoryReader.open}
 * hand out, Lucene 9 and 10. Segment readers are shared between generations by Lucene itself and
 * are not the user's references. {@code incRef()} calls {@code tryIncRef()}, so only the latter is
 * instrumented (each reference counted once).
 */
final class LuceneProfile implements LibraryProfile {
    @Override
    public String name() {
        return "lucene";
    }

    @Override
    public List<Profile> profiles(String argument, Consumer<String> problems) {
        if (argument != null) {
            problems.accept("lucene=" + argument + ": the lucene profile takes no argument; write lucene; skipped");
            return List.of();
        }
        return List.of(new Profile(name(), "lucene_reader", "org.apache.lucene.index.IndexReader", false,
                Set.of("tryIncRef"), Set.of("decRef"), Set.of(Profile.CONSTRUCTOR),
                "org.apache.lucene.index.DirectoryReader", List.of("org.apache.lucene."), ProfileRules.NONE));
    }
}
