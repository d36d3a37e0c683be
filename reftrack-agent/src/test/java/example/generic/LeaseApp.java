package example.generic;

/**
 * Borrows and returns leases; one in {@code leakEvery} borrows is never given back. Prints
 * {@code started} first, so that tests see the application ran even when the agent refused a spec.
 *
 * <p>Arguments: {@code leases leakEvery}.
 */
public final class LeaseApp {
    private LeaseApp() {
    }

    /**
     * Runs the application.
     *
     * @param args leases, leakEvery
     */
    public static void main(String[] args) {
        System.out.println("started");
        int leases = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        for (int i = 0; i < leases; i++) {
            Lease lease = new Lease();
            lease.borrow();
            use(lease, leakEvery > 0 && i % leakEvery == leakEvery - 1);
            lease.giveBack();
        }
        System.out.println("leases " + leases);
    }

    private static void use(Lease lease, boolean forget) {
        if (!forget) {
            lease.giveBack();
        }
    }
}
