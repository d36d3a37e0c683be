package example.scenario;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One keep-alive HTTP/1.1 connection of plain blocking sockets (no Netty, so that only the server's
 * buffers are tracked): PUT an object, and every fourth request GET it back, each answer checked
 * against the checksum of what was sent.
 */
final class LoopbackClient implements Runnable {
    private static final int KEYS = 64;

    private final int port;
    private final int id;
    private final byte[] body;
    private final String expected;
    private volatile boolean running = true;
    private volatile long requests;
    private volatile String failure;

    LoopbackClient(int port, int id, int bodySize) {
        this.port = port;
        this.id = id;
        body = new byte[bodySize];
        Arrays.fill(body, (byte) ('a' + id));
        CRC32 crc = new CRC32();
        crc.update(body);
        expected = Long.toString(crc.getValue());
    }

    @Override
    public void run() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (long n = 0; running; n++) {
                boolean get = n % 4 == 3;
                String key = "/objects/" + id + "-" + ((get ? n - 1 : n) % KEYS);
                String head = (get ? "GET " : "PUT ") + key + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: "
                        + (get ? 0 : body.length) + "\r\n\r\n";
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                if (!get) {
                    out.write(body);
                }
                out.flush();
                String answer = readResponse(in);
                if (!answer.equals(expected)) {
                    throw new IOException("expected checksum " + expected + " for " + key + ", got " + answer);
                }
                requests = n + 1;
            }
        } catch (IOException | RuntimeException e) {
            failure = "connection " + id + ": " + e;
        }
    }

    private static String readResponse(InputStream in) throws IOException {
        String status = line(in);
        int length = -1;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(header.indexOf(':') + 1).strip());
            }
        }
        if (!status.startsWith("HTTP/1.1 200") || length < 0) {
            throw new IOException("unexpected response '" + status + "' (content length " + length + ")");
        }
        return new String(in.readNBytes(length), StandardCharsets.US_ASCII);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    long requests() {
        return requests;
    }

    String failure() {
        return failure;
    }

    void stop() {
        running = false;
    }
}
