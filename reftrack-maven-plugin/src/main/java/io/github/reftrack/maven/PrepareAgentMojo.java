package io.github.reftrack.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Sets a property (by default {@code argLine}, which Surefire and Failsafe read) to run the test
 * JVMs with the reftrack agent, each fork writing its JSON event log under
 * {@code target/reftrack/}. An existing value of the property (JaCoCo's agent, memory settings)
 * is kept after ours. Event logs of an earlier run are deleted, so {@code check} sees this run only.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public final class PrepareAgentMojo extends AbstractMojo {
    static final String AGENT_KEY = "io.github.reftrack:reftrack-agent";
    private static final List<String> MODES = List.of("full", "sample", "off");

    /** The project whose property is set. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The plugin's own dependencies, among them the agent jar. */
    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    private Map<String, Artifact> pluginArtifacts;

    /** The property to set; use {@code @{argLine}} in a Surefire {@code argLine} of your own. */
    @Parameter(property = "reftrack.propertyName", defaultValue = "argLine")
    private String propertyName;

    /**
     * The agent's built-in profiles, comma-separated: {@code netty} (or {@code netty=PREFIX} for a
     * relocated Netty), {@code lucene}; a name the agent does not know stops the build, naming the
     * known ones.
     */
    @Parameter(property = "reftrack.profiles", defaultValue = "netty")
    private String profiles;

    /** Generic specs for classes of your own, e.g. {@code class=com.acme.Conn,acquire=open,release=close}. */
    @Parameter
    private List<String> specs = List.of();

    /** {@code full} (a stack per reference), {@code sample} (one in N) or {@code off}. */
    @Parameter(property = "reftrack.mode", defaultValue = "full")
    private String mode;

    /** Where the forks write their event logs. */
    @Parameter(property = "reftrack.directory", defaultValue = "${project.build.directory}/reftrack")
    private File directory;

    /**
     * The baseline {@code check} reads; passed to the test JVMs as {@code reftrack.baseline}, so
     * that reftrack-junit5's per-test checks accept the same leaks.
     */
    @Parameter(property = "reftrack.baseline", defaultValue = "${project.basedir}/reftrack-baseline.json")
    private File baselineFile;

    /** Skips the agent; the property is then left as it was (or set empty, so @{argLine} resolves). */
    @Parameter(property = "reftrack.skip", defaultValue = "false")
    private boolean skip;

    /** Creates the goal; Maven injects the parameters. */
    public PrepareAgentMojo() {
    }

    @Override
    public void execute() throws MojoExecutionException {
        String existing = project.getProperties().getProperty(propertyName);
        if (skip) {
            getLog().info("reftrack: skipped (reftrack.skip)");
            if (existing == null) {
                project.getProperties().setProperty(propertyName, "");
            }
            return;
        }
        String checkedMode = mode.trim().toLowerCase(Locale.ROOT);
        if (!MODES.contains(checkedMode)) {
            throw new MojoExecutionException("reftrack: mode '" + mode + "' is not one of " + MODES
                    + "; set <mode> or -Dreftrack.mode to full, sample or off");
        }
        Path agentJar = agentJar();
        checkProfiles(agentJar);
        Path logDir = directory.toPath().toAbsolutePath();
        prepareLogDirectory(logDir);
        String value = AgentArgLine.build(agentJar, profiles, specs, checkedMode, logDir,
                baselineFile == null ? null : baselineFile.toPath().toAbsolutePath(), existing);
        project.getProperties().setProperty(propertyName, value);
        getLog().info("reftrack: " + propertyName + " set to " + value);
    }

    private Path agentJar() throws MojoExecutionException {
        Artifact agent = pluginArtifacts.get(AGENT_KEY);
        if (agent == null || agent.getFile() == null || !agent.getFile().isFile()) {
            throw new MojoExecutionException("reftrack: the agent jar (" + AGENT_KEY + ":jar:agent) is missing from"
                    + " the plugin's dependencies" + (agent == null ? "" : " (looked at " + agent.getFile() + ")")
                    + "; if you override the plugin's <dependencies>, keep reftrack-agent with <classifier>agent"
                    + "</classifier>, or re-resolve with mvn -U");
        }
        return agent.getFile().toPath().toAbsolutePath();
    }

    /** Stops the build on a profile or spec the agent would refuse: the forks would track nothing of it. */
    private void checkProfiles(Path agentJar) throws MojoExecutionException {
        String options = AgentArgLine.options(profiles, specs);
        List<String> problems = AgentOptions.problems(agentJar, options);
        if (!problems.isEmpty()) {
            throw new MojoExecutionException("reftrack: " + String.join("; ", problems) + " (in <profiles> or"
                    + " <specs>, -Dreftrack.profiles)");
        }
    }

    /** Deletes an earlier run's logs and creates the directory: the agent does not create it. */
    private void prepareLogDirectory(Path logDir) throws MojoExecutionException {
        try (Stream<Path> list = Files.list(Files.createDirectories(logDir))) {
            for (Path old : list.filter(p -> p.getFileName().toString().endsWith(".jsonl")).toList()) {
                Files.delete(old);
            }
            Files.writeString(logDir.resolve(TestRuns.MARKER), "prepared by reftrack:prepare-agent\n");
        } catch (IOException e) {
            throw new MojoExecutionException("reftrack: cannot prepare the event log directory " + logDir + " ("
                    + e + "); check its permissions, or run mvn clean", e);
        }
    }
}
