package example.generic;

import com.sun.tools.attach.VirtualMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Four threads loop {@code acquire(); release();} on one shared object (a correct program). With
 * {@code attach JAR SPEC}, the object is born and the threads are running before the agent is
 * loaded into this JVM (which needs {@code -Djdk.attach.allowAttachSelf=true}).
 *
 * <p>Arguments: {@code rounds [attach agentJar spec]}.
 */
public final class SharedApp {
    private static final int THREADS = 4;

    private SharedApp() {
    }

    /**
     * Runs the application.
     *
     * @param args rounds per thread, then optionally {@code attach}, the agent jar and its argument
     * @throws Exception if the attach fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        boolean attach = args.length > 1 && args[1].equals("attach");
        Shared shared = new Shared();
        CountDownLatch attached = new CountDownLatch(attach ? 1 : 0);
        CountDownLatch running = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = new Thread(() -> loop(shared, rounds, running, attached), "sharer-" + t);
            thread.start();
            threads.add(thread);
        }
        if (attach) {
            running.await();
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
            try {
                vm.loadAgent(args[2], args[3]);
            } finally {
                vm.detach();
            }
            attached.countDown();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("rounds " + rounds * THREADS + " count " + shared.count());
    }

    private static void loop(Shared shared, int rounds, CountDownLatch running, CountDownLatch attached) {
        running.countDown();
        // before the attach: references taken and dropped while the agent is not there yet
        while (attached.getCount() > 0) {
            shared.acquire();
            shared.release();
        }
        for (int i = 0; i < rounds; i++) {
            shared.acquire();
            shared.release();
        }
    }
}
