package io.github.reftrack.agent;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code closeable}: the JDK's files and sockets, unclosed. Each resource has one lifetime, from
 * the constructor that opened it to its first {@code close()}; a repeated close is not a double
 * release ({@code Closeable} allows it). A resource the GC collects unclosed is a leak, reported
 * with the stack that opened it. The classes are the bootstrap loader's, instrumented through
 * {@link JdkInstrumenter}; the resources the JDK opens for itself are not tracked ({@link JdkOpens}).
 * {@code closeable=FQN} tracks a class of the application's or a library's the same way.
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
            List.of("sun.nio.ch.ServerSocketChannelImpl", "server_socket_channel"),
            // what Files.newDirectoryStream returns or wraps (UnixSecureDirectoryStream); Files.list closes it
            List.of(CloseableProfile.DIRECTORY_STREAM, "directory_stream"),
            // the iterator under Files.walk's and Files.find's streams, which holds their open directories
            List.of(CloseableProfile.WALK, "file_tree_walk"));
    /**
     * Closed by {@code closeImpl()}, which its {@code close()} calls and so does the
     * {@code UnixSecureDirectoryStream} that wraps it (without calling its {@code close()}).
     */
    static final String DIRECTORY_STREAM = "sun.nio.fs.UnixDirectoryStream";
    /** A walk: done, without a close, once its iterator has no next entry (every directory closed). */
    static final String WALK = "java.nio.file.FileTreeIterator";
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
            return spec(argument, problems);
        }
        return JDK_TYPES.stream().map(type -> new Profile(name(), type.get(1), type.get(0), false, Set.of(),
                Set.of("close()"), Set.of(Profile.CONSTRUCTOR), null, HIDE, Rules.JDK)).toList();
    }

    /**
     * {@code closeable=FQN}: any class or interface of the application or a library (a JDBC
     * connection, an HTTP client's response), born at construction, released at {@code close()};
     * {@link Validation} checks it exists and is {@code AutoCloseable}.
     */
    private List<Profile> spec(String className, Consumer<String> problems) {
        if (!TypeNames.isJavaName(className)) {
            problems.accept("closeable=" + className + ": not a fully qualified class name; write closeable for the"
                    + " JDK's files and sockets, or closeable=FQN for a class of yours; skipped");
            return List.of();
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return List.of(new Profile(name() + "=" + className, simple.toLowerCase(Locale.ROOT), className, true,
                Set.of(), Set.of("close()"), Set.of(Profile.CONSTRUCTOR), null, List.of(), Rules.SPEC));
    }

    /** The rules of closeable resources. */
    enum Rules implements ProfileRules {
        /** The JDK's classes, through the bootstrap bridge. */
        JDK,
        /** A class named by {@code closeable=FQN}: checked as generic specs are, and {@code AutoCloseable}. */
        SPEC;

        @Override
        public boolean idempotentRelease() {
            return true;
        }

        @Override
        public boolean jdkTypes() {
            return this == JDK;
        }

        @Override
        public Class<?> requiredType() {
            return this == SPEC ? AutoCloseable.class : null;
        }

        /** The socket adaptors of NIO channels ({@code channel.socket()}) are closed with their channel. */
        @Override
        public boolean delegates(Class<?> type) {
            return this == JDK && type.getName().startsWith("sun.nio.ch.") && type.getName().endsWith("Adaptor");
        }

        /** The channels' {@code close()}: instrumented for the release only. */
        @Override
        public List<String> instrumentedTypes() {
            return this == JDK ? List.of(CHANNEL_CLOSE) : List.of();
        }
    }
}
