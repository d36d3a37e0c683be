package io.github.reftrack.cli;

import java.io.IOException;

/** A JVM without reftrack for the error-path tests: prints {@code READY} and waits for stdin to close. */
public final class PlainJvm {

    private PlainJvm() {
    }

    /**
     * Waits.
     *
     * @param args ignored
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        System.out.println(ChildJvm.READY + " " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
    }
}
