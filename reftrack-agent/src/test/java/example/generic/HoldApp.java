package example.generic;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * Borrows {@code quick} leases and gives each back at once, and borrows one more that it holds
 * until reftrack's MXBean has counted one long-held reference (or 60 seconds passed), then gives
 * it back too: a correct program, one of whose references is held long. Prints the count the
 * MXBean gave.
 *
 * <p>Arguments: {@code quick}.
 */
public final class HoldApp {
    private static final long WAIT_MILLIS = 60_000;

    private HoldApp() {
    }

    /**
     * Runs the application.
     *
     * @param args quick
     * @throws Exception if the MXBean cannot be read
     */
    public static void main(String[] args) throws Exception {
        int quick = Integer.parseInt(args[0]);
        for (int i = 0; i < quick; i++) {
            Lease lease = new Lease();
            lease.borrow();
            lease.giveBack();
            lease.giveBack();
        }
        Lease held = holdOne();
        ObjectName name = new ObjectName("io.github.reftrack:type=RefTracking");
        long longHeld = 0;
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (longHeld < 1 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            longHeld = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LongHeld");
        }
        held.giveBack();
        held.giveBack();
        System.out.println("mxbean longHeld " + longHeld);
    }

    private static Lease holdOne() {
        Lease lease = new Lease();
        lease.borrow();
        return lease;
    }
}
