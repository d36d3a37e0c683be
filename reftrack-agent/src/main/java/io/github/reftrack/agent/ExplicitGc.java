package io.github.reftrack.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Asks for a full collection, as the exit report needs to find what became garbage just before
 * exit. Under {@code -XX:+DisableExplicitGC} {@link System#gc()} does nothing, so the
 * {@code GC.run} diagnostic command (the {@code DiagnosticCommand} MBean's {@code gcRun}, what
 * {@code jcmd PID GC.run} does, which that flag does not disable) is used instead.
 */
final class ExplicitGc {
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

    private ExplicitGc() {
    }

    /** Whether {@code -XX:+DisableExplicitGC} is set; false if that cannot be known. */
    static boolean systemGcDisabled() {
        try {
            HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotSpot != null && "true".equals(hotSpot.getVMOption("DisableExplicitGC").getValue());
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Runs a full collection.
     *
     * @param systemGcDisabled what {@link #systemGcDisabled()} said
     * @return false if no collection could be asked for
     */
    static boolean run(boolean systemGcDisabled) {
        if (!systemGcDisabled) {
            System.gc();
            return true;
        }
        try {
            ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(DIAGNOSTIC_COMMAND), "gcRun",
                    new Object[] {null}, new String[] {String[].class.getName()});
            return true;
        } catch (Exception | LinkageError e) {
            return false;
        }
    }
}
