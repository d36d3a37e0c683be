package io.github.reftrack.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.lang.reflect.Field;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare-agent's bad inputs: one message naming what is wrong and what to do. */
class PrepareAgentMojoTest {

    @TempDir
    Path dir;

    private final MavenProject project = new MavenProject();

    private PrepareAgentMojo mojo(String mode, boolean skip) throws ReflectiveOperationException {
        PrepareAgentMojo mojo = new PrepareAgentMojo();
        set(mojo, "project", project);
        set(mojo, "pluginArtifacts", Map.of());
        set(mojo, "propertyName", "argLine");
        set(mojo, "profiles", "netty");
        set(mojo, "specs", List.of());
        set(mojo, "mode", mode);
        set(mojo, "directory", new File(dir.toFile(), "reftrack"));
        set(mojo, "skip", skip);
        return mojo;
    }

    private static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = PrepareAgentMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }

    @Test
    void failsNamingTheClassifier_whenTheAgentJarIsNotAmongThePluginsDependencies() throws Exception {
        assertThatThrownBy(() -> mojo("full", false).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("reftrack: the agent jar (io.github.reftrack:reftrack-agent:jar:agent) is"
                        + " missing from the plugin's dependencies")
                .hasMessageContaining("keep reftrack-agent with <classifier>agent</classifier>");
    }

    @Test
    void failsNamingTheModes_whenTheModeIsUnknown() throws Exception {
        assertThatThrownBy(() -> mojo("paranoid", false).execute()).isInstanceOf(MojoExecutionException.class)
                .hasMessage("reftrack: mode 'paranoid' is not one of [full, sample, off]; set <mode> or"
                        + " -Dreftrack.mode to full, sample or off");
    }

    @Test
    void setsAnEmptyProperty_whenSkipped_soThatAtArgLineResolves() throws Exception {
        mojo("full", true).execute();

        assertThat(project.getProperties().getProperty("argLine")).isEmpty();
    }

    @Test
    void failsListingTheKnownProfiles_whenAProfileIsMisspelt() throws Exception {
        PrepareAgentMojo mojo = withAgentJar(mojo("full", false));
        set(mojo, "profiles", "nettyy");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("reftrack: unknown profile 'nettyy': use netty, lucene")
                .hasMessageContaining(", @file or class=FQN")
                .hasMessageEndingWith("(in <profiles> or <specs>, -Dreftrack.profiles)");
        assertThat(project.getProperties().getProperty("argLine")).isNull();
    }

    @Test
    void failsNamingTheSpec_whenASpecIsMalformed() throws Exception {
        PrepareAgentMojo mojo = withAgentJar(mojo("full", false));
        set(mojo, "specs", List.of("class=a..B,acquire=get,release=put"));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("reftrack: bad spec 'class=a..B,acquire=get,release=put'");
    }

    @Test
    void setsTheAgentArgument_whenEveryProfileIsKnown() throws Exception {
        PrepareAgentMojo mojo = withAgentJar(mojo("full", false));
        set(mojo, "profiles", "netty=io.grpc.netty.shaded,lucene");

        mojo.execute();

        assertThat(project.getProperties().getProperty("argLine"))
                .contains("reftrack-agent.jar=netty=io.grpc.netty.shaded,lucene -Dreftrack.mode=full");
    }

    /** The mojo with the agent jar of this build among its plugin artifacts, as Maven resolves it. */
    private static PrepareAgentMojo withAgentJar(PrepareAgentMojo mojo) throws Exception {
        URL protocol = ClassLoader.getSystemResource("io/github/reftrack/agent/AttachProtocol.class");
        Path jar = Path.of(((JarURLConnection) protocol.openConnection()).getJarFileURL().toURI());
        DefaultArtifact agent = new DefaultArtifact("io.github.reftrack", "reftrack-agent", "0", "runtime", "jar",
                "agent", new DefaultArtifactHandler("jar"));
        agent.setFile(jar.toFile());
        set(mojo, "pluginArtifacts", Map.of(PrepareAgentMojo.AGENT_KEY, agent));
        return mojo;
    }
}
