package example.plugin;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@link BufferPlugin} with a copy of Netty in class loaders of its own, as plugin systems
 * and application servers do. Arguments: {@code scenario classes nettyDir [wait]}, where scenario is
 *
 * <ul>
 *   <li>{@code isolated}: one loader parented to the platform loader (it cannot see the class
 *       path); 10 rounds, {@code READY}, (with {@code wait}) a line on standard input, then 500
 *       rounds;</li>
 *   <li>{@code dropped}: two loaders parented to the class path, each used (as the context class
 *       loader of the thread running it) and dropped; prints how many the GC collected.</li>
 * </ul>
 */
public final class PluginHost {
    /** The plugin's class, named only as a string: the host's own loader cannot link it (it has no Netty). */
    static final String PLUGIN = "example.plugin.BufferPlugin";

    private PluginHost() {
    }

    /**
     * Runs a scenario.
     *
     * @param args scenario, test classes directory, Netty jars directory
     * @throws Exception if the plugin cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        URL[] urls = urls(Path.of(args[1]), Path.of(args[2]));
        if (args[0].equals("isolated")) {
            Runnable plugin = plugin(new PluginLoader("isolated", urls, ClassLoader.getPlatformClassLoader()), 10);
            plugin.run();
            System.out.println("READY");
            if (args.length > 3 && args[3].equals("wait")) {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
            for (int round = 0; round < 50; round++) {
                plugin.run();
            }
            System.out.println("rounds 510");
        } else {
            List<WeakReference<ClassLoader>> dropped = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                dropped.add(useAndDrop(urls, "plugin-" + i));
            }
            System.out.println("collected " + collected(dropped) + " of " + dropped.size());
        }
    }

    private static WeakReference<ClassLoader> useAndDrop(URL[] urls, String name) throws Exception {
        ClassLoader loader = new PluginLoader(name, urls, ClassLoader.getSystemClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            plugin(loader, 100).run();
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new WeakReference<>(loader);
    }

    /** Collects until both loaders are gone, for at most ten seconds. */
    private static int collected(List<WeakReference<ClassLoader>> loaders) throws InterruptedException {
        int collected = 0;
        for (int attempt = 0; attempt < 100 && collected < loaders.size(); attempt++) {
            System.gc();
            Thread.sleep(100);
            collected = (int) loaders.stream().filter(ref -> ref.get() == null).count();
        }
        return collected;
    }

    private static Runnable plugin(ClassLoader loader, int rounds) throws Exception {
        return (Runnable) Class.forName(PLUGIN, true, loader).getConstructor(int.class)
                .newInstance(rounds);
    }

    private static URL[] urls(Path classes, Path netty) throws Exception {
        List<URL> urls = new ArrayList<>();
        urls.add(classes.toUri().toURL());
        try (Stream<Path> jars = Files.list(netty)) {
            for (Path jar : jars.sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        }
        return urls.toArray(URL[]::new);
    }
}
