package example.generic;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Leases given back by finalizers (a correct program, if an old-fashioned one): a holder whose
 * {@code finalize()} gives its lease back, and a lease that gives itself back in its own.
 * Collects until every finalizer ran.
 *
 * <p>Arguments: {@code objects}.
 */
public final class FinalizeApp {
    private static final AtomicInteger FINALIZED = new AtomicInteger();

    private FinalizeApp() {
    }

    /** Holds a lease and gives it back when it is finalized. */
    static final class Holder {
        private final Lease lease = new Lease();

        // finalize() is deprecated; releasing in it is exactly what this program must show to be correct
        @SuppressWarnings("deprecation")
        @Override
        protected void finalize() {
            lease.giveBack();
            FINALIZED.incrementAndGet();
        }
    }

    /** A lease that gives itself back when it is finalized. */
    static final class SelfReturningLease extends Lease {
        // finalize() is deprecated; releasing in it is exactly what this program must show to be correct
        @SuppressWarnings("deprecation")
        @Override
        protected void finalize() {
            giveBack();
            FINALIZED.incrementAndGet();
        }
    }

    /**
     * Runs the application.
     *
     * @param args objects of each kind
     * @throws InterruptedException if interrupted while waiting for the finalizers
     */
    public static void main(String[] args) throws InterruptedException {
        int objects = Integer.parseInt(args[0]);
        for (int i = 0; i < objects; i++) {
            new Holder();
            new SelfReturningLease();
        }
        for (int round = 0; round < 600 && FINALIZED.get() < 2 * objects; round++) {
            System.gc();
            System.runFinalization();
            Thread.sleep(10);
        }
        System.out.println("finalized " + FINALIZED.get() + " of " + 2 * objects);
    }
}
