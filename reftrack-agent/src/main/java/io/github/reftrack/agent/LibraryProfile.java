package io.github.reftrack.agent;

import java.util.List;
import java.util.function.Consumer;

/**
 * A built-in profile, named in the agent's argument ({@code netty}, {@code lucene}): one file per
 * library declares what to track in it, and {@link LibraryProfiles} lists them. A profile may take
 * an argument ({@code netty=io.grpc.netty.shaded}).
 */
interface LibraryProfile {
    /** The name the agent's argument gives it, lower case. */
    String name();

    /**
     * What to track.
     *
     * @param argument the text after {@code name=}, or null when the name stands alone
     * @param problems where a bad argument is reported (then nothing is returned)
     * @return the profiles to instrument, each with {@link Profile#library()} set; empty when the
     *         argument is refused
     */
    List<Profile> profiles(String argument, Consumer<String> problems);
}
