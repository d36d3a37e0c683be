package example.closeable;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens {@code count} {@code FileInputStream}s on one file and closes each, except one in
 * {@code leakEvery} which it drops unclosed; then opens and closes files and sockets every usual way
 * (try-with-resources, a second close, a reader over a stream), loads {@code className} (from a jar
 * of the class path: the JDK opens that jar for itself) and waits {@code lingerMillis}.
 *
 * <p>Arguments: {@code count leakEvery [className lingerMillis]}; {@code leakEvery} 0 leaks nothing.
 */
public final class FilesApp {
    private FilesApp() {
    }

    /**
     * Runs the application.
     *
     * @param args count, leakEvery, optionally className and lingerMillis
     * @throws Exception if a file cannot be used
     */
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        Path file = Files.createTempFile("reftrack-files", ".txt");
        Files.writeString(file, "reftrack");
        int read = 0;
        for (int i = 0; i < count; i++) {
            FileInputStream in = open(file);
            read += in.read();
            if (leakEvery > 0 && i % leakEvery == leakEvery - 1) {
                continue;
            }
            in.close();
        }
        everyUsualWay(file);
        if (args.length > 2) {
            Class.forName(args[2]);
            Thread.sleep(Long.parseLong(args[3]));
        }
        Files.delete(file);
        System.out.println("opened " + count + " read " + read);
    }

    private static FileInputStream open(Path file) throws IOException {
        return new FileInputStream(file.toFile());
    }

    private static void everyUsualWay(Path file) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toString(), true)) {
            out.write('!');
        }
        try (FileReader reader = new FileReader(file.toFile())) {
            reader.read();
        }
        RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
        raf.readByte();
        raf.close();
        raf.close();
        FileInputStream twice = new FileInputStream(file.toString());
        twice.close();
        twice.close();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback);
                Socket client = new Socket(loopback, server.getLocalPort());
                Socket accepted = server.accept()) {
            client.getOutputStream().write(1);
            accepted.getInputStream().read();
        }
    }
}
