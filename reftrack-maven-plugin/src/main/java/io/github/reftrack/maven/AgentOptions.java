package io.github.reftrack.maven;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Checks the agent argument ({@code profiles} and {@code specs}) with the agent's own parser, read
 * from the agent jar the forks will load (in a class loader of its own), so that a misspelt
 * profile fails the build with the agent's message, which lists the profiles that jar knows.
 */
final class AgentOptions {
    private static final String PROTOCOL = "io.github.reftrack.agent.AttachProtocol";
    /** How the agent ends a message about an item it leaves out; the build stops instead. */
    private static final String SKIPPED = "; skipped";

    private AgentOptions() {
    }

    /**
     * The agent's messages about what is wrong with {@code options}, empty if nothing is.
     *
     * @throws MojoExecutionException if the jar has no parser to ask
     */
    static List<String> problems(Path agentJar, String options) throws MojoExecutionException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {agentJar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Object found = Class.forName(PROTOCOL, true, loader).getMethod("check", String.class).invoke(null, options);
            List<String> problems = new ArrayList<>();
            for (Object problem : (List<?>) found) {
                String text = String.valueOf(problem);
                problems.add(text.endsWith(SKIPPED) ? text.substring(0, text.length() - SKIPPED.length()) : text);
            }
            return problems;
        } catch (InvocationTargetException e) {
            throw new MojoExecutionException("reftrack: the agent's check of '" + options + "' failed: "
                    + e.getCause(), e.getCause());
        } catch (IOException | ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new MojoExecutionException("reftrack: " + agentJar + " is not a reftrack-agent jar of this version"
                    + " (no " + PROTOCOL + ".check): re-resolve the plugin's dependencies with mvn -U", e);
        }
    }
}
