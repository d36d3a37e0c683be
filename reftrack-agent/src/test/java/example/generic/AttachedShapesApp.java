package example.generic;

import com.sun.tools.attach.VirtualMachine;

/**
 * Loads the agent into its own JVM (as {@code reftrack attach} would, with
 * {@code -Djdk.attach.allowAttachSelf=true}), then runs {@link ShapesApp}: the agent instruments
 * by retransformation and keeps lifetimes in its side table.
 *
 * <p>Arguments: {@code agentJar agentOptions shape objects leakEvery}.
 */
public final class AttachedShapesApp {
    private AttachedShapesApp() {
    }

    /**
     * Runs the application.
     *
     * @param args agentJar, agentOptions, then {@link ShapesApp}'s
     * @throws Exception if the agent cannot be loaded
     */
    public static void main(String[] args) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(args[0], args[1]);
        } finally {
            vm.detach();
        }
        ShapesApp.main(new String[] {args[2], args[3], args[4]});
    }
}
