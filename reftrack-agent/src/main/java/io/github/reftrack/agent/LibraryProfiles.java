package io.github.reftrack.agent;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The built-in profiles, by name. Adding a library is one {@link LibraryProfile} file, its line
 * here and its test.
 */
final class LibraryProfiles {
    private static final List<LibraryProfile> ALL = List.of(new NettyProfile(), new LuceneProfile(),
            new ArrowProfile(), new JettyProfile(), new CloseableProfile());

    private LibraryProfiles() {
    }

    /** The profile of that name (any case), or null. */
    static LibraryProfile find(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(p -> p.name().equals(lower)).findFirst().orElse(null);
    }

    /** The known names, as a message lists them: {@code netty, lucene}. */
    static String names() {
        return ALL.stream().map(LibraryProfile::name).collect(Collectors.joining(", "));
    }
}
