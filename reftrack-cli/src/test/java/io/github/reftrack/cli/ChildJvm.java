package io.github.reftrack.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM started from the test class path running one of the test main classes, which print
 * {@value #READY} once set up and exit when their standard input closes (so they do not outlive a
 * killed test run).
 */
final class ChildJvm implements AutoCloseable {
    static final String READY = "READY";

    private final Process process;

    private ChildJvm(Process process) {
        this.process = process;
    }

    /**
     * The command line that runs a test main class on the test class path, with the running JDK.
     *
     * @param mainClass  the class whose {@code main} runs
     * @param jvmOptions options placed before the class path
     * @return the command
     */
    static List<String> command(Class<?> mainClass, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx64m");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        return command;
    }

    static ChildJvm start(Class<?> mainClass, String... jvmOptions) throws IOException {
        Process process = new ProcessBuilder(command(mainClass, jvmOptions))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ChildJvm child = new ChildJvm(process);
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        String line = lines.readLine();
        if (line == null || !line.startsWith(READY)) {
            child.close();
            throw new IOException(mainClass.getName() + " did not start: first line was " + line);
        }
        return child;
    }

    long pid() {
        return process.pid();
    }

    /** Runs {@code reftrack dump <this pid> options...} in process. */
    Cli.Result dump(String... options) {
        List<String> args = new ArrayList<>(List.of("dump", Long.toString(pid())));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
