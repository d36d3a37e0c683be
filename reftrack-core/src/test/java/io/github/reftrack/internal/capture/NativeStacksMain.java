package io.github.reftrack.internal.capture;

/**
 * Run in a child JVM by {@link NativeStacksTest}, on the class path: prints whether native
 * capture loaded and why not.
 */
public final class NativeStacksMain {
    private NativeStacksMain() {
    }

    /**
     * Loads the native capture and prints the outcome.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        NativeStacks stacks = NativeStacks.load();
        System.out.println("available=" + stacks.available() + " reason=" + stacks.unavailableReason());
    }
}
