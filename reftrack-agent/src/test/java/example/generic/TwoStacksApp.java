package example.generic;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Leaks {@code here} leases at one line and {@code there} at another, then collects garbage until
 * reftrack's MXBean counts that many leaks (or 60 seconds passed), so that every leak is found
 * while the application runs. Prints the count the MXBean gave, and the reftrack properties (the
 * agent sets none).
 *
 * <p>Arguments: {@code here there}.
 */
public final class TwoStacksApp {
    private static final long WAIT_MILLIS = 60_000;

    private TwoStacksApp() {
    }

    /**
     * Runs the application.
     *
     * @param args here, there
     * @throws Exception if the MXBean cannot be read
     */
    public static void main(String[] args) throws Exception {
        int here = Integer.parseInt(args[0]);
        int there = Integer.parseInt(args[1]);
        for (int i = 0; i < here; i++) {
            leakHere();
        }
        for (int i = 0; i < there; i++) {
            leakThere();
        }
        ObjectName name = new ObjectName("io.github.reftrack:type=RefTracking");
        long leaks = 0;
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (leaks < here + there && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
            leaks = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Leaks");
        }
        System.out.println("mxbean leaks " + leaks);
        System.out.println("properties reftrack.mode=" + System.getProperty("reftrack.mode") + " reftrack.hide="
                + System.getProperty("reftrack.hide"));
    }

    private static void leakHere() {
        new Lease().borrow();
    }

    private static void leakThere() {
        new Lease().borrow();
    }
}
