package io.github.reftrack.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Which opens are the application's (the JDK's own and the agent's are not tracked), which classes
 * this JDK has, and what a resource is named by.
 */
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

    @Test
    void directoriesAWalkOpens_areTheWalks_butADirectoryStreamOfTheApplicationIsTracked() throws Exception {
        Class<?> directoryStream = Class.forName("java.nio.file.DirectoryStream");
        assertThat(opened(directoryStream, BRIDGE, "sun.nio.fs.UnixDirectoryStream <init>",
                "sun.nio.fs.UnixSecureDirectoryStream <init>", "sun.nio.fs.UnixFileSystemProvider newDirectoryStream",
                "java.nio.file.Files newDirectoryStream", "java.nio.file.FileTreeWalker visit",
                "java.nio.file.FileTreeWalker next", "java.nio.file.FileTreeIterator hasNext", "example.App main"))
                .isFalse();
        assertThat(opened(directoryStream, BRIDGE, "sun.nio.fs.UnixDirectoryStream <init>",
                "sun.nio.fs.UnixSecureDirectoryStream <init>", "sun.nio.fs.UnixFileSystemProvider newDirectoryStream",
                "java.nio.file.Files newDirectoryStream", "java.nio.file.Files list", "example.App main")).isTrue();
    }

    @Test
    void closeableClassThisJdkLacks_isOneLineNamingIt_andTheOthersAreKept() {
        List<String> problems = new ArrayList<>();
        List<Profile> profiles = new CloseableProfile().profiles(null, problems::add);
        Profile missing = new Profile("closeable", "nowhere_stream", "sun.nio.fs.NoSuchDirectoryStream", false,
                Set.of(), Set.of("close()"), Set.of(Profile.CONSTRUCTOR), null, List.of(), CloseableProfile.Rules.JDK);
        List<Profile> all = new ArrayList<>(profiles);
        all.add(missing);

        List<Profile> present = JdkInstrumenter.present(all, problems::add);

        assertThat(present).isEqualTo(profiles);
        assertThat(problems).singleElement().asString().startsWith("closeable: this JDK (")
                .endsWith(") has no class sun.nio.fs.NoSuchDirectoryStream, so its nowhere_stream resources are"
                        + " not tracked; the other classes are");
    }

    @Test
    void resourceName_isThePathOrTheAddress_boundedWithItsEndKept() throws Exception {
        assertThat(ResourceNames.of(new Object[] {new File("/tmp/a.txt")})).isEqualTo("/tmp/a.txt");
        assertThat(ResourceNames.of(new Object[] {new FileDescriptor(), "/tmp/b.txt", true, false})).isEqualTo(
                "/tmp/b.txt");
        assertThat(ResourceNames.of(new Object[] {Path.of("/tmp/dir"), 3, new FileVisitOption[0]})).isEqualTo(
                "/tmp/dir");
        assertThat(ResourceNames.of(new Object[] {"example.org", 443})).isEqualTo("example.org:443");
        assertThat(ResourceNames.of(new Object[] {InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 80}))
                .isEqualTo("/127.0.0.1:80");
        assertThat(ResourceNames.of(new Object[] {8080, 50})).isNull();
        assertThat(ResourceNames.of(new Object[0])).isNull();
        String longName = "/" + "d".repeat(200) + "/file.txt";
        assertThat(ResourceNames.of(new Object[] {longName})).hasSize(ResourceNames.MAX).startsWith("...dd")
                .endsWith("/file.txt");
    }

    private static boolean opened(Class<?> type, String... frames) {
        List<JdkOpens.Frame> stack = Arrays.stream(frames).map(f -> f.split(" "))
                .map(f -> new JdkOpens.Frame(f[0], f[1])).toList();
        return JdkOpens.byApplication(type, stack.iterator());
    }
}
