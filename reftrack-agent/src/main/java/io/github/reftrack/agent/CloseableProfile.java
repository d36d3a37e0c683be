package io.github.reftrack.agent;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code closeable}: the JDK's files and sockets, unclosed. Each resource has one lifetime, from
 * the constructor that opened it to its first {@code close()}; a repeated close is not a double
 * release ({@code Closeable} allows it). A resource the GC collects unclosed is a leak, reported
 * with the stack that opened it. The classes are the bootstrap loader's, instrumented through
 * {@link JdkInstrumenter}; the resources the JDK opens for itself are not tracked ({@link JdkOpens}).
 */
final class CloseableProfile implements LibraryProfile {
    /** The JDK classes tracked and their directory classes. */
    private static final List<List<String>> JDK_TYPES = List.of(
            List.of("java.io.FileInputStream", "file_input_stream"),
            List.of("java.io.FileOutputStream", "file_output_stream"),
            List.of("java.io.RandomAccessFile", "random_access_file"),
            List.of("java.net.Socket", "socket"),
            List.of("java.net.ServerSocket", "server_socket"),
            // before ZipFile: a JarFile is the first type it matches
            List.of("java.util.jar.JarFile", "jar_file"),
            List.of("java.util.zip.ZipFile", "zip_file"),
            // the JDK's implementations, what FileChannel.open, Files.newInputStream and SocketChannel.open return
            List.of("sun.nio.ch.FileChannelImpl", "file_channel"),
            List.of("sun.nio.ch.SocketChannelImpl", "socket_channel"),
            List.of("sun.nio.ch.ServerSocketChannelImpl", "server_socket_channel"));
    /** Where channels' {@code close()} is: a final method of their common superclass. */
    private static final String CHANNEL_CLOSE = "java.nio.channels.spi.AbstractInterruptibleChannel";
    /** The JDK's frames above the user's call that opened or closed a resource. */
    private static final List<String> HIDE = List.of("java.io.", "java.net.", "java.util.zip.", "java.util.jar.",
            "java.nio.channels.", "java.nio.file.", "sun.nio.ch.", "sun.nio.fs.");

    @Override
    public String name() {
        return "closeable";
    }

    @Override
    public List<Profile> profiles(String argument, Consumer<String> problems) {
        if (argument != null) {
            problems.accept("closeable=" + argument + ": the closeable profile takes no argument; write closeable;"
                    + " skipped");
            return List.of();
        }
        return JDK_TYPES.stream().map(type -> new Profile(name(), type.get(1), type.get(0), false, Set.of(),
                Set.of("close()"), Set.of(Profile.CONSTRUCTOR), null, HIDE, Rules.JDK)).toList();
    }

    /** The rules of closeable resources. */
    enum Rules implements ProfileRules {
        /** The JDK's classes, through the bootstrap bridge. */
        JDK;

        @Override
        public boolean idempotentRelease() {
            return true;
        }

        @Override
        public boolean jdkTypes() {
            return true;
        }

        /** The socket adaptors of NIO channels ({@code channel.socket()}) are closed with their channel. */
        @Override
        public boolean delegates(Class<?> type) {
            return type.getName().startsWith("sun.nio.ch.") && type.getName().endsWith("Adaptor");
        }

        /** The channels' {@code close()}: instrumented for the release only. */
        @Override
        public List<String> instrumentedTypes() {
            return List.of(CHANNEL_CLOSE);
        }
    }
}
