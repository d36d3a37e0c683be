package example.jetty;

import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;

/**
 * {@link JettyApp}'s buffers with the agent attached while they are in use: 200 buffers are shared
 * untracked, then, while one buffer holds two references, the application attaches the agent jar
 * to itself with the {@code jetty} profile (which needs {@code -Djdk.attach.allowAttachSelf=true})
 * and releases that buffer's references, taken before tracking started. The run goes on as
 * {@link JettyApp}'s {@code drop} run: one buffer in {@code leakEvery} is taken in
 * {@link JettyApp#forget} and dropped. A pooled run fills the pool before the attach, so the
 * buffers handed out afterwards were made before tracking started.
 *
 * <p>Arguments: {@code pooled|plain buffers leakEvery agentJar}.
 */
public final class AttachedJettyApp {
    private static final int BEFORE_ATTACH = 200;

    private AttachedJettyApp() {
    }

    /**
     * Runs the application.
     *
     * @param args pooled or plain, buffers, leakEvery, the agent jar to attach
     * @throws Exception if the worker or the attach fails
     */
    public static void main(String[] args) throws Exception {
        boolean pooled = args[0].equals("pooled");
        int buffers = Integer.parseInt(args[1]);
        int leakEvery = Integer.parseInt(args[2]);
        ArrayByteBufferPool pool = new ArrayByteBufferPool();
        if (pooled) {
            JettyApp.warmUp(pool);
        }
        ExecutorService worker = Executors.newSingleThreadExecutor();
        for (int i = 0; i < BEFORE_ATTACH; i++) {
            JettyApp.share(JettyApp.take(pool, pooled), i % 2 == 0, worker);
        }
        RetainableByteBuffer inUse = JettyApp.take(pool, pooled);
        inUse.retain();
        attach(args[3]);
        inUse.release();
        inUse.release();
        List<String> forgotten = new ArrayList<>();
        for (int i = 0; i < buffers; i++) {
            if (leakEvery > 0 && i % leakEvery == leakEvery - 1) {
                forgotten.add(JettyApp.forget(pool, pooled, false));
            } else {
                JettyApp.share(JettyApp.take(pool, pooled), i % 2 == 0, worker);
            }
        }
        worker.shutdown();
        System.out.println("buffers " + buffers + ", forgotten " + forgotten.size() + " " + forgotten);
    }

    private static void attach(String agentJar) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
        try {
            vm.loadAgent(agentJar, "jetty");
        } finally {
            vm.detach();
        }
    }
}
