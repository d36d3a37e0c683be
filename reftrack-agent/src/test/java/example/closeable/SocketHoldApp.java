package example.closeable;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.management.ObjectName;

/**
 * Connects one socket and holds it until reftrack's MXBean has counted one long-held reference (or
 * 60 seconds passed), then closes it; the server socket and the accepted socket are closed at once.
 * A correct program, one of whose resources is held long. Prints the count the MXBean gave.
 */
public final class SocketHoldApp {
    private static final long WAIT_MILLIS = 60_000;

    private SocketHoldApp() {
    }

    /**
     * Runs the application.
     *
     * @param args none
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
        while (longHeld < 1 && System.nanoTime() < deadline) {
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
