package io.github.reftrack.agent;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
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
     * Runs a full collection and waits until the references it found unreachable are on their
     * queues. The JDK's reference handler puts the references each collection finds on their queues
     * one collection's list at a time; a marker found by this collection is on its own queue only
     * once the handler has taken this collection's list, and so once every earlier list is on its
     * queues. The caller that needs this collection's references queued calls this once more (the
     * exit report does: it reaps after each collection, and stops after one that found nothing).
     *
     * @param systemGcDisabled what {@link #systemGcDisabled()} said
     * @param timeoutMillis    how long to wait for the marker
     * @return false if no collection could be asked for
     * @throws InterruptedException if interrupted while waiting
     */
    static boolean runAndAwaitQueues(boolean systemGcDisabled, long timeoutMillis) throws InterruptedException {
        ReferenceQueue<Object> markers = new ReferenceQueue<>();
        PhantomReference<Object> marker = new PhantomReference<>(new Object(), markers);
        if (!run(systemGcDisabled)) {
            return false;
        }
        markers.remove(timeoutMillis);
        Reference.reachabilityFence(marker);
        return true;
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
