package io.github.reftrack.maven;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Reads every fork's event log, groups the leaks and double releases by fingerprint, writes
 * {@code report.html}, {@code leaks.json} and {@code summary.txt} next to the logs, prints each
 * problem not in the baseline with the line that took the reference, and fails the build on them.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public final class CheckMojo extends AbstractLogMojo {

    /** What fails the build when new: {@code leak}, {@code doubleRelease} (comma-separated), or {@code none}. */
    @Parameter(property = "reftrack.failOn", defaultValue = "leak,doubleRelease")
    private String failOn;

    /** Creates the goal; Maven injects the parameters. */
    public CheckMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("reftrack: skipped (reftrack.skip)");
            return;
        }
        Set<Finding.Kind> failKinds = failKinds(failOn);
        Optional<EventLogs> read = readLogs();
        if (read.isEmpty()) {
            return;
        }
        EventLogs logs = read.get();
        Verdict verdict = Verdict.of(LeakGroup.of(logs.findings()), readBaseline());
        Path dir = directory.toPath();
        try {
            ReportFiles.write(dir, logs, verdict);
        } catch (IOException e) {
            throw new MojoExecutionException("reftrack: cannot write the report under " + dir + ": " + e, e);
        }
        List<String> summary = ReportFiles.summary(logs, verdict);
        getLog().info(summary.get(0) + "; report: " + dir.resolve("report.html"));
        for (LeakGroup group : verdict.fresh()) {
            getLog().error("reftrack: new " + group.kind().parameterName() + " (not in " + baselineFile.getName()
                    + "):");
            LeakText.lines(group).forEach(getLog()::error);
        }
        for (Baseline.Entry entry : verdict.stale()) {
            getLog().warn("reftrack: fixed: remove from the baseline: " + entry.fingerprint() + " "
                    + entry.firstFrame());
        }
        List<LeakGroup> failing = verdict.failing(failKinds);
        if (!failing.isEmpty()) {
            throw new MojoFailureException("reftrack: " + failing.size() + " new leak(s) or double release(s), the"
                    + " first at " + failing.get(0).firstFrame() + " (fix them, or accept them with mvn"
                    + " reftrack:baseline)");
        }
    }

    static Set<Finding.Kind> failKinds(String failOn) throws MojoExecutionException {
        Set<Finding.Kind> kinds = EnumSet.noneOf(Finding.Kind.class);
        for (String name : failOn.split(",")) {
            String trimmed = name.trim().toLowerCase(Locale.ROOT);
            if (trimmed.isEmpty() || "none".equals(trimmed)) {
                continue;
            }
            Finding.Kind kind = EnumSet.allOf(Finding.Kind.class).stream()
                    .filter(k -> k.parameterName().toLowerCase(Locale.ROOT).equals(trimmed)).findFirst()
                    .orElseThrow(() -> new MojoExecutionException("reftrack: failOn '" + name.trim()
                            + "' is not one of leak, doubleRelease, none"));
            kinds.add(kind);
        }
        return kinds;
    }
}
