package example.closeable;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Opens a file channel, a stream of {@code Files.newInputStream}, a zip file, a jar file and a
 * connected pair of socket channels with their server, each on its own line, and closes them all
 * (some twice, a stream's own channel with the stream), or with {@code leak} drops them unclosed.
 *
 * <p>Arguments: {@code clean} or {@code leak}.
 */
public final class ChannelsApp {
    private ChannelsApp() {
    }

    /**
     * Runs the application.
     *
     * @param args clean or leak
     * @throws Exception if a file or socket cannot be used
     */
    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("reftrack-channels", ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write('a');
        }
        List<AutoCloseable> opened = new ArrayList<>();
        opened.add(fileChannel(file));
        opened.add(stream(file));
        opened.add(zipFile(file));
        opened.add(jarFile(file));
        ServerSocketChannel server = server();
        opened.add(server);
        opened.add(client(server));
        opened.add(accepted(server));
        try (FileInputStream stream = new FileInputStream(file.toFile())) {
            System.out.println("size " + stream.getChannel().size());
        }
        if (args[0].equals("leak")) {
            System.out.println("dropped " + opened.size());
            return;
        }
        for (AutoCloseable resource : opened) {
            resource.close();
            resource.close();
        }
        try (InputStream in = Files.newInputStream(file)) {
            System.out.println("read " + in.read());
        }
        Files.delete(file);
        System.out.println("closed " + opened.size());
    }

    private static FileChannel fileChannel(Path file) throws IOException {
        return FileChannel.open(file);
    }

    private static InputStream stream(Path file) throws IOException {
        return Files.newInputStream(file);
    }

    private static ZipFile zipFile(Path file) throws IOException {
        return new ZipFile(file.toFile());
    }

    private static JarFile jarFile(Path file) throws IOException {
        return new JarFile(file.toFile());
    }

    private static ServerSocketChannel server() throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return server;
    }

    private static SocketChannel client(ServerSocketChannel server) throws IOException {
        return SocketChannel.open(server.getLocalAddress());
    }

    private static SocketChannel accepted(ServerSocketChannel server) throws IOException {
        return server.accept();
    }
}
