package io.github.reftrack.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/** What {@code check} and {@code baseline} share: the event logs and the baseline file. */
public abstract class AbstractLogMojo extends AbstractMojo {
    /** Where the forks wrote their event logs ({@code prepare-agent}'s directory). */
    @Parameter(property = "reftrack.directory", defaultValue = "${project.build.directory}/reftrack")
    protected File directory;

    /** The accepted leaks: {@code check} fails only on leaks not in it. */
    @Parameter(property = "reftrack.baseline", defaultValue = "${project.basedir}/reftrack-baseline.json")
    protected File baselineFile;

    /** The build directory, where Surefire and Failsafe write their reports. */
    @Parameter(defaultValue = "${project.build.directory}", readonly = true)
    protected File buildDirectory;

    /** Skips the goal. */
    @Parameter(property = "reftrack.skip", defaultValue = "false")
    protected boolean skip;

    /** For subclasses. */
    protected AbstractLogMojo() {
    }

    /**
     * The logs (none when every fork was clean), or empty (and one info line) when no test ran with
     * the agent.
     */
    Optional<EventLogs> readLogs() throws MojoExecutionException {
        Path dir = directory.toPath();
        EventLogs logs;
        try {
            logs = EventLogReader.read(dir);
            if (logs.files().isEmpty() && !TestRuns.ranSincePrepared(dir, buildDirectory.toPath())) {
                getLog().info("reftrack: no reftrack event logs under " + dir + ": no tests ran with the agent");
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new MojoExecutionException("reftrack: cannot read the event logs under " + dir + ": " + e, e);
        }
        if (!logs.corrupt().isEmpty()) {
            getLog().warn("reftrack: skipped " + logs.corrupt().size() + " corrupt event log line(s):");
            logs.corrupt().forEach(c -> getLog().warn("  " + dir.resolve(c)));
        }
        return Optional.of(logs);
    }

    Baseline readBaseline() throws MojoExecutionException {
        try {
            return Baseline.read(baselineFile.toPath());
        } catch (Baseline.BaselineException e) {
            throw new MojoExecutionException("reftrack: malformed baseline " + e.getMessage()
                    + "; fix it, or delete it and run the baseline goal again", e);
        } catch (IOException e) {
            throw new MojoExecutionException("reftrack: cannot read the baseline " + baselineFile + ": " + e, e);
        }
    }
}
