package example.closeable;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.ObjectName;

/**
 * Connects one socket and holds it until reftrack's MXBean has counted one long-held reference and
 * the JSON event log {@code jsonLog} has its line (or 60 seconds passed), then closes it; the server
 * socket and the accepted socket are closed at once. A correct program, one of whose resources is
 * held long. Prints the count the MXBean gave.
 *
 * <p>Arguments: {@code jsonLog}.
 */
public final class SocketHoldApp {
    private static final long WAIT_MILLIS = 60_000;

    private SocketHoldApp() {
    }

    /**
     * Runs the application.
     *
     * @param args jsonLog
     * @throws Exception if the socket or the MXBean cannot be used
     */
    public static void main(String[] args) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        Socket held;
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            held = connect(loopback, server.getLocalPort());
            server.accept().close();
        }
        ObjectName name = new ObjectName("io.github.reftrack:type=RefTracking");
        long longHeld = 0;
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        Path json = Path.of(args[0]);
        while ((longHeld < 1 || !Files.exists(json) || Files.size(json) == 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            longHeld = (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "LongHeld");
        }
        held.close();
        System.out.println("mxbean longHeld " + longHeld);
    }

    private static Socket connect(InetAddress address, int port) throws Exception {
        return new Socket(address, port);
    }
}
