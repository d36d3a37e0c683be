package io.github.reftrack.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts {@link io.github.reftrack.agent.boot.ResourceBridge} on the bootstrap class path, where
 * advice inlined into JDK classes can reach it, and registers the agent's handlers in that copy.
 * The class file is copied from the agent jar into a jar of its own in the temporary directory
 * (deleted at exit) and appended to the bootstrap search path before anything loads the class, so
 * that the agent's loader, which asks the bootstrap loader first, resolves the same class.
 */
final class BootstrapBridge {
    /** By name: a class literal would load it here, in the agent's loader, before it is on the boot path. */
    private static final String NAME = "io.github.reftrack.agent.boot.ResourceBridge";

    private BootstrapBridge() {
    }

    /**
     * Installs the bridge and registers the handlers in it.
     *
     * @return whether the handlers are registered; false after one line saying why not
     */
    static boolean install(Instrumentation instrumentation, BiConsumer<Object, Object[]> opened,
            Consumer<Object> closed, Consumer<String> problems) {
        try {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar().toFile()));
            Class<?> bridge = Class.forName(NAME, true, null);
            bridge.getMethod("install", BiConsumer.class, Consumer.class).invoke(null, opened, closed);
            return true;
        } catch (IOException | ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            problems.accept("cannot put " + NAME + " on the bootstrap class path (" + SkippedClasses.reason(cause)
                    + "); the JDK's closeable classes are not tracked");
            return false;
        }
    }

    private static Path jar() throws IOException {
        String entry = NAME.replace('.', '/') + ".class";
        Path jar = Files.createTempFile("reftrack-bridge-", ".jar");
        jar.toFile().deleteOnExit();
        try (InputStream in = BootstrapBridge.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IOException("no " + entry + " in the agent jar");
            }
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }
}
