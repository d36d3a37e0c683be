package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Which opens are the application's: the JDK's own and the agent's are not tracked. */
class JdkOpensTest {
    private static final String BRIDGE = "io.github.reftrack.agent.boot.ResourceBridge opened";

    @Test
    void fileOpenedByTheApplication_isTracked_alsoThroughAJdkWrapper() {
        assertThat(opened(FileInputStream.class, BRIDGE, "java.io.FileInputStream <init>", "example.App main"))
                .isTrue();
        assertThat(opened(FileInputStream.class, BRIDGE, "java.io.FileInputStream <init>",
                "java.io.FileReader <init>", "example.App main")).isTrue();
    }

    @Test
    void jarOfTheClassPath_andTheRandomAccessFileUnderAZipFile_areTheJdks() {
        assertThat(opened(JarFile.class, BRIDGE, "java.util.zip.ZipFile <init>", "java.util.jar.JarFile <init>",
                "jdk.internal.loader.URLClassPath$JarLoader getJarFile", "java.lang.ClassLoader loadClass",
                "example.App main")).isFalse();
        assertThat(opened(RandomAccessFile.class, BRIDGE, "java.io.RandomAccessFile <init>",
                "java.util.zip.ZipFile$Source <init>", "java.util.zip.ZipFile <init>", "example.App main")).isFalse();
    }

    @Test
    void zipFileOpenedByTheApplication_isTracked_itsOwnConstructorsAreNotTheJdksMachinery() {
        assertThat(opened(JarFile.class, BRIDGE, "java.util.zip.ZipFile <init>", "java.util.jar.JarFile <init>",
                "example.App main")).isTrue();
    }

    @Test
    void streamsOfSecureRandom_theAgentsOwnFiles_jdkThreads_andAStreamsChannel_areNotTracked() {
        assertThat(opened(FileInputStream.class, BRIDGE, "java.io.FileInputStream <init>",
                "sun.security.provider.NativePRNG$RandomIO <init>", "java.security.SecureRandom <init>",
                "example.App main")).isFalse();
        assertThat(opened(FileInputStream.class, BRIDGE, "java.io.FileOutputStream <init>",
                "io.github.reftrack.sink.JsonLogSink write", "java.lang.Thread run")).isFalse();
        assertThat(opened(Socket.class, BRIDGE, "java.net.Socket <init>", "java.lang.Thread run")).isFalse();
        assertThat(opened(FileChannel.class, BRIDGE, "java.nio.channels.FileChannel <init>",
                "java.io.FileInputStream getChannel", "example.App main")).isFalse();
    }

    private static boolean opened(Class<?> type, String... frames) {
        List<JdkOpens.Frame> stack = Arrays.stream(frames).map(f -> f.split(" "))
                .map(f -> new JdkOpens.Frame(f[0], f[1])).toList();
        return JdkOpens.byApplication(type, stack.iterator());
    }
}
