package io.github.reftrack.cli;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reftrack-agent jar {@code attach} is about to load, opened in an isolated class loader so
 * that the command checks profiles with the agent's own parser and reads the agent's system
 * properties by the names the agent writes (its {@code AttachProtocol}): one parser, one set of
 * names, whichever version of the jar is given. Not thread-safe; closing releases the jar.
 */
final class AgentJar implements AutoCloseable {
    private static final String PROTOCOL = "io.github.reftrack.agent.AttachProtocol";

    private final Path jar;
    private final URLClassLoader loader;
    private final Class<?> protocol;

    private AgentJar(Path jar, URLClassLoader loader, Class<?> protocol) {
        this.jar = jar;
        this.loader = loader;
        this.protocol = protocol;
    }

    /**
     * Opens the jar.
     *
     * @throws CliException if it is not a reftrack-agent jar with an {@code AttachProtocol}
     */
    static AgentJar open(Path jar) {
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        } catch (MalformedURLException e) {
            throw new CliException("cannot read " + jar + ": " + e.getMessage(), e);
        }
        try {
            return new AgentJar(jar, loader, Class.forName(PROTOCOL, true, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            closeQuietly(loader);
            throw new CliException(jar + " is not a reftrack-agent jar of this version (it has no " + PROTOCOL
                    + "): rebuild it with 'mvn -pl reftrack-agent -am package -DskipTests' or give --agent PATH", e);
        }
    }

    /** The agent's messages about what is wrong with an agent argument; empty if nothing is. */
    List<String> check(String options) {
        List<String> problems = new ArrayList<>();
        for (Object problem : (List<?>) invoke("check", options)) {
            problems.add(String.valueOf(problem));
        }
        return problems;
    }

    /** The value of one of the protocol's property-name constants, e.g. {@code LOADED_PROPERTY}. */
    String property(String constant) {
        try {
            return (String) protocol.getField(constant).get(null);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new CliException(jar + " does not define " + PROTOCOL + "." + constant
                    + ": it is not a reftrack-agent jar of this version", e);
        }
    }

    private Object invoke(String name, String argument) {
        try {
            Method method = protocol.getMethod(name, String.class);
            return method.invoke(null, argument);
        } catch (InvocationTargetException e) {
            throw new CliException("reftrack-agent's " + name + " failed on '" + argument + "': " + e.getCause(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CliException(jar + " has no " + PROTOCOL + "." + name
                    + "(String): it is not a reftrack-agent jar of this version", e);
        }
    }

    @Override
    public void close() {
        closeQuietly(loader);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // a jar that cannot be closed holds a file handle until exit; nothing else to do
        }
    }
}
