package example.plugin;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * A plugin system's class loader: the plugin's classes and its copy of Netty are its own
 * (child-first), everything else comes from the parent.
 */
final class PluginLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    PluginLoader(String name, URL[] urls, ClassLoader parent) {
        super(name, urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith("io.netty.") && !name.startsWith(PluginHost.PLUGIN)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
