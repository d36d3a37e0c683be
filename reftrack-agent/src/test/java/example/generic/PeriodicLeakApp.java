package example.generic;

/**
 * Leaks one lease in every {@code period}, periodically: the first of each period is borrowed and
 * never given back. A sampler that counts objects (one in {@code period}) would track the same
 * position of every period, and so catch this leak always or never.
 *
 * <p>Arguments: {@code periods period}.
 */
public final class PeriodicLeakApp {
    /** Longer than the agent's reaper waits for the GC's queue (one second). */
    private static final long REAPER_MILLIS = 1_500;

    private PeriodicLeakApp() {
    }

    /**
     * Runs the application.
     *
     * @param args periods, period
     */
    public static void main(String[] args) {
        int periods = Integer.parseInt(args[0]);
        int period = Integer.parseInt(args[1]);
        for (int i = 0; i < periods * period; i++) {
            Lease lease = new Lease();
            lease.borrow();
            if (i % period != 0) {
                lease.giveBack();
            }
            lease.giveBack();
        }
        System.out.println("leases " + periods * period);
        // the leaked leases are collected and logged while the process runs, as in a longer program
        // (at exit the logging may already be shut down, and a short run may see no collection)
        System.gc();
        try {
            Thread.sleep(REAPER_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
