package io.github.reftrack.agent;

import java.io.File;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.file.Path;

/**
 * A resource's short name from the arguments of the constructor that opened it: the path of a
 * file ({@code String}, {@link File} or {@link Path}, the first such argument, so that
 * {@code FileChannelImpl(fd, path, ...)} is named by its path), the address of a socket
 * ({@code host:port}, or a {@link SocketAddress}). Reports and {@code reftrack dump} show it as
 * the reference's holder. Bounded to {@value #MAX} characters, the end kept (a path's file name);
 * the reports escape control characters. Costs a {@code toString()} of the argument per open.
 */
final class ResourceNames {
    /** The longest name kept, in characters. */
    static final int MAX = 120;
    private static final String CUT = "...";

    private ResourceNames() {
    }

    /**
     * The name in these constructor arguments.
     *
     * @param args the arguments, or null
     * @return the name, or null when no argument names the resource (an unconnected {@code Socket()})
     */
    static String of(Object[] args) {
        if (args == null) {
            return null;
        }
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof String || arg instanceof File || arg instanceof Path || arg instanceof SocketAddress
                    || arg instanceof InetAddress) {
                String name = arg.toString();
                // a host, by name or address, followed by an int: Socket(host, port)
                boolean host = arg instanceof String || arg instanceof InetAddress;
                if (host && i + 1 < args.length && args[i + 1] instanceof Integer port) {
                    name = name + ":" + port;
                }
                return bounded(name);
            }
        }
        return null;
    }

    /** The name cut to {@value #MAX} characters, its end kept. */
    static String bounded(String name) {
        return name.length() <= MAX ? name : CUT + name.substring(name.length() - (MAX - CUT.length()));
    }
}
