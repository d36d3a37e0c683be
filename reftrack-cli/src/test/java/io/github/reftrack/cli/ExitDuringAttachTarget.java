package io.github.reftrack.cli;

/**
 * A JVM that prints {@code READY} and halts as soon as reftrack-agent marks itself loaded, while
 * the agent is still installing: the attach command loses its connection mid-load.
 */
public final class ExitDuringAttachTarget {
    private ExitDuringAttachTarget() {
    }

    /**
     * Runs the target.
     *
     * @param args unused
     * @throws InterruptedException if interrupted while waiting
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        for (int i = 0; i < 60_000 && System.getProperty("reftrack.agent.loaded") == null; i++) {
            Thread.sleep(1);
        }
        Runtime.getRuntime().halt(0);
    }
}
