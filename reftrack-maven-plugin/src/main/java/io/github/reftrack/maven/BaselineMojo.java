package io.github.reftrack.maven;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Writes the baseline, {@code reftrack-baseline.json}, from the event logs of the last test run:
 * every leak and double release in them is accepted, so {@code check} fails only on new ones.
 * Entries already in the baseline keep their first-seen time; entries no longer seen are dropped.
 */
@Mojo(name = "baseline", threadSafe = true)
public final class BaselineMojo extends AbstractLogMojo {

    /** Creates the goal; Maven injects the parameters. */
    public BaselineMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip) {
            getLog().info("reftrack: skipped (reftrack.skip)");
            return;
        }
        Optional<EventLogs> logs = readLogs();
        if (logs.isEmpty()) {
            return;
        }
        List<LeakGroup> groups = LeakGroup.of(logs.get().findings());
        Baseline next = readBaseline().with(groups, Instant.now());
        try {
            next.write(baselineFile.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("reftrack: cannot write the baseline " + baselineFile + ": " + e, e);
        }
        getLog().info("reftrack: wrote " + baselineFile + " with " + groups.size() + " entr(ies)");
        groups.forEach(g -> getLog().info("  " + g.fingerprint() + " " + g.kind().parameterName() + " at "
                + g.firstFrame()));
    }
}
