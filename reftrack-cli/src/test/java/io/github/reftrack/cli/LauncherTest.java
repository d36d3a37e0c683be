package io.github.reftrack.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./reftrack} launcher, run from a copy of the repository root with a stand-in
 * {@code mvn} that prints what Maven prints, and a stand-in {@code java} that prints its
 * arguments.
 */
class LauncherTest {
    private static final String MAVEN_OUTPUT = """
            [INFO] Scanning for projects...
            [INFO] Building reftrack-core 0.2.0                                       [1/2]
            [INFO] Downloading from central: https://repo.maven.apache.org/maven2/a.pom
            [INFO] Downloaded from central: https://repo.maven.apache.org/maven2/a.pom (2 kB at 9 kB/s)
            [INFO] Downloaded from central: https://repo.maven.apache.org/maven2/b.jar (9 kB at 9 kB/s)
            [INFO] Building reftrack-cli 0.2.0                                        [2/2]
            [INFO] BUILD SUCCESS
            """;

    @TempDir
    Path root;

    private Path bin;

    @BeforeEach
    void copyTheLauncher() throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
        Files.copy(DocOutputs.repositoryRoot().resolve("reftrack"), root.resolve("reftrack"));
        Files.createDirectories(root.resolve("reftrack-cli/src/main"));
        Files.writeString(root.resolve("pom.xml"), "<project/>\n");
        bin = Files.createDirectories(root.resolve("fake/bin"));
        script(bin.resolve("java"), "echo \"java $*\"\n");
    }

    @Test
    void saysWhichModuleItBuildsOnStderr_andKeepsStdoutForTheCommand() throws Exception {
        script(bin.resolve("mvn"), "cat <<'EOF'\n" + MAVEN_OUTPUT + "EOF\n"
                + "mkdir -p reftrack-cli/target && touch reftrack-cli/target/reftrack.jar\n");

        Run run = launch("--version");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Path jar = root.resolve("reftrack-cli/target/reftrack.jar");
        assertThat(run.out()).isEqualTo("java -jar " + jar + " --version\n");
        assertThat(run.err()).contains("reftrack: building reftrack-cli/target/reftrack.jar (")
                .contains("reftrack: building reftrack-core (1/2) ...\nreftrack: building reftrack-cli (2/2) ...\n"
                        + "reftrack: 2 files downloaded from Maven Central\n"
                        + "reftrack: built reftrack-cli/target/reftrack.jar\n")
                .doesNotContain("[INFO]");
    }

    @Test
    void showsMavensOutput_whenTheBuildFails() throws Exception {
        script(bin.resolve("mvn"), "echo '[INFO] Building reftrack-core 0.2.0 [1/2]'\n"
                + "echo '[ERROR] COMPILATION ERROR' >&2\nexit 1\n");

        Run run = launch("--version");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("reftrack: building reftrack-core (1/2) ...\n", "[ERROR] COMPILATION ERROR\n")
                .endsWith("reftrack: the build failed; see the Maven output above\n");
    }

    private record Run(int exitCode, String out, String err) {
    }

    private Run launch(String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/bash", root.resolve("reftrack").toString());
        builder.command().addAll(List.of(args));
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("JAVA_HOME", bin.getParent().toString());
        Path err = root.resolve("stderr.txt");
        Process process = builder.directory(root.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, Files.readString(err));
    }

    private static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
