package io.github.reftrack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM started without the agent: it holds leases taken before the agent is attached, prints
 * {@code READY}, and on the line {@code go} returns them, leaks two new leases (kept reachable, so
 * they show in a dump), cycles a thousand clean ones, prints {@code LEAKED}, and exits when its
 * standard input closes.
 */
public final class AttachTarget {
    private static final List<Lease> HELD = new ArrayList<>();

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

    private AttachTarget() {
    }

    /**
     * Runs the target.
     *
     * @param args unused
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        List<Lease> early = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Lease lease = new Lease();
            lease.borrow();
            early.add(lease);
        }
        System.out.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if ("go".equals(in.readLine())) {
            for (Lease lease : early) {
                lease.giveBack();
            }
            leak();
            leak();
            for (int i = 0; i < 1000; i++) {
                Lease lease = new Lease();
                lease.borrow();
                lease.giveBack();
                lease.giveBack();
            }
            System.out.println("LEAKED");
        }
        while (in.readLine() != null) {
            // wait for the test to close standard input
        }
    }

    private static void leak() {
        Lease lease = new Lease();
        lease.borrow();
        HELD.add(lease);
    }
}
