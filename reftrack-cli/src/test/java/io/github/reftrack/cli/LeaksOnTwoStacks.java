package io.github.reftrack.cli;

/**
 * A JVM run with the agent on {@link Lease}: leaks three leases with a borrowed reference each in
 * one method and two leases with their birth reference in another (stacks are grouped by method,
 * not line), and exits; the agent's exit report finds them.
 */
public final class LeaksOnTwoStacks {

    /** A ref-counted lease: born with one holder. */
    public static final class Lease {
        private int holders = 1;

        /** Takes one more holder. */
        public void borrow() {
            holders++;
        }

        /** Drops one holder. */
        public void giveBack() {
            holders--;
        }
    }

    private LeaksOnTwoStacks() {
    }

    /**
     * Leaks the leases.
     *
     * @param args unused
     */
    public static void main(String[] args) {
        for (int i = 0; i < 3; i++) {
            leakBorrowed();
        }
        for (int i = 0; i < 2; i++) {
            leakBorn();
        }
        System.out.println("leaked");
    }

    private static void leakBorrowed() {
        new Lease().borrow();
    }

    private static void leakBorn() {
        Lease lease = new Lease();
        lease.borrow();
        lease.giveBack();
    }
}
