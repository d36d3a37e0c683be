package example.scenario;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 19's end-to-end service: the {@link ObjectStoreServer} (Netty {@code HttpServerCodec} +
 * {@code HttpObjectAggregator}, content retained for a journal thread that releases it) driven on
 * loopback by {@link LoopbackClient}s in the same process, one request in flight per keep-alive
 * connection. After a warm-up (the given time, and at least {@value #WARMUP_REQUESTS} requests) it
 * counts requests for a fixed time and prints
 * {@code result requests/s N} and {@code result cpu-us/request N} (process CPU over the window);
 * then it stops, drains and exits with status 1 unless every answer was right and every retained
 * content was released.
 *
 * <p>Arguments: {@code connections warmupSeconds seconds bodyBytes} (default 4 5 10 1024). Run as
 * whole processes by {@code benchmarks/scenarios/http-service.sh}.
 */
public final class ObjectStoreService {
    /** Requests answered before the window starts, however long the warm-up takes. */
    private static final long WARMUP_REQUESTS = 2000;

    private ObjectStoreService() {
    }

    /**
     * Runs the service and its clients.
     *
     * @param args connections, warm-up seconds, measured seconds, body bytes
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long warmupMillis = (args.length > 1 ? Long.parseLong(args[1]) : 5) * 1000;
        long millis = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1000;
        int bodySize = args.length > 3 ? Integer.parseInt(args[3]) : 1024;
        ObjectStoreServer server = new ObjectStoreServer();
        List<String> failures = new ArrayList<>();
        try {
            failures.addAll(drive(server, connections, bodySize, warmupMillis, millis));
        } finally {
            server.stop();
        }
        System.out.println("puts " + server.puts() + ", contents still retained " + server.unreleased());
        if (server.unreleased() != 0) {
            failures.add(server.unreleased() + " retained request contents were never released");
        }
        if (!failures.isEmpty()) {
            System.err.println("object-store: " + String.join("; ", failures));
            System.exit(1);
        }
    }

    /**
     * Runs the clients against the server, warm-up then the measured window, and stops them.
     *
     * @return the clients' failures
     */
    static List<String> drive(ObjectStoreServer server, int connections, int bodySize, long warmupMillis,
            long millis) throws InterruptedException {
        List<LoopbackClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            LoopbackClient client = new LoopbackClient(server.port(), i, bodySize);
            clients.add(client);
            threads.add(new Thread(client, "client-" + i));
        }
        threads.forEach(Thread::start);
        Thread.sleep(warmupMillis);
        while (requests(clients) < WARMUP_REQUESTS && noneFailed(clients)) {
            Thread.sleep(100);
        }
        long requests0 = requests(clients);
        long cpu0 = cpuNanos();
        long start = System.nanoTime();
        Thread.sleep(millis);
        long requests = requests(clients) - requests0;
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = cpuNanos() - cpu0;
        clients.forEach(LoopbackClient::stop);
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf(Locale.ROOT, "result requests/s %.1f%nresult cpu-us/request %.2f%n", requests / seconds,
                requests == 0 ? 0.0 : cpu / 1e3 / requests);
        List<String> failures = new ArrayList<>();
        clients.stream().map(LoopbackClient::failure).filter(f -> f != null).forEach(failures::add);
        return failures;
    }

    private static boolean noneFailed(List<LoopbackClient> clients) {
        return clients.stream().allMatch(c -> c.failure() == null);
    }

    private static long requests(List<LoopbackClient> clients) {
        return clients.stream().mapToLong(LoopbackClient::requests).sum();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
