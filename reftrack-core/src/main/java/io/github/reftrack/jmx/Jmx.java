package io.github.reftrack.jmx;

import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;

import java.lang.System.Logger.Level;

/**
 * Entry point of the JMX sink, safe to call when the {@code java.management} module is absent: it
 * checks first and then touches no JMX type. Not API (this package is only exported to
 * {@code java.management}).
 *
 * <p>When the MXBean is registered, the system property {@value #MBEAN_PROPERTY} holds its
 * {@linkplain #OBJECT_NAME name}, so tools that list JVMs (the Attach API's system properties)
 * can tell which ones run reftrack without loading an agent.
 *
 * <p>Thread-safe: registration state is guarded by {@code Jmx.class}.
 */
public final class Jmx {
    /** The MXBean's object name ({@code RefTracking.MBEAN_NAME}). */
    public static final String OBJECT_NAME = RefTracking.MBEAN_NAME;
    /** System property set to {@link #OBJECT_NAME} while the MXBean is registered. */
    public static final String MBEAN_PROPERTY = RefTracking.MBEAN_PROPERTY;
    /** The most stacks per directory that {@code dump} shows. */
    public static final int DISPLAY_LIMIT = RefTrackerDir.DEFAULT_DISPLAY_LIMIT;

    static final System.Logger LOG = System.getLogger("io.github.reftrack");

    /** Guarded by {@code Jmx.class}. */
    private static boolean registered;

    private Jmx() {
    }

    /**
     * Returns whether this module can use {@code java.management}: the module is in the layer and
     * read.
     *
     * @return {@code true} if JMX types can be loaded and linked from here
     */
    public static boolean available() {
        try {
            Class<?> server = Class.forName("javax.management.MBeanServer", false, Jmx.class.getClassLoader());
            return Jmx.class.getModule().canRead(server.getModule());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Registers the MXBean with the platform MBean server and sets {@value #MBEAN_PROPERTY}, unless
     * already done. Never throws: a failure (no {@code java.management}, a name already taken by
     * another copy of reftrack, a security manager) is logged and reported by the return value.
     *
     * @param view the runtime the MXBean shows
     * @return {@code true} if the MXBean is registered by this copy of reftrack
     */
    public static synchronized boolean register(RuntimeView view) {
        if (registered || !available()) {
            return registered;
        }
        try {
            Registrar.register(new RefTrackingBean(view));
            System.setProperty(MBEAN_PROPERTY, OBJECT_NAME);
            registered = true;
        } catch (Exception e) {
            LOG.log(Level.WARNING, "reftrack could not register its MXBean " + OBJECT_NAME
                    + "; JMX shows no reftrack state (-Dreftrack.jmx=off skips the attempt)", e);
        }
        return registered;
    }

    /**
     * Unregisters the MXBean and clears {@value #MBEAN_PROPERTY}. Idempotent; never throws (a
     * failure is logged).
     */
    public static synchronized void unregister() {
        if (!registered) {
            return;
        }
        registered = false;
        System.clearProperty(MBEAN_PROPERTY);
        try {
            Registrar.unregister();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "reftrack could not unregister its MXBean " + OBJECT_NAME, e);
        }
    }

    /**
     * Returns whether this copy of reftrack has its MXBean registered.
     *
     * @return the registration state
     */
    public static synchronized boolean isRegistered() {
        return registered;
    }
}
