package io.github.reftrack.bench;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * reftrack-agent's {@code closeable} profile, ns per file: a {@code FileInputStream} opened on a
 * small temporary file, one byte read, closed. Side by side in separate forks: no agent; the agent
 * with {@code closeable} in full mode (a stack walk deciding whether the JDK opened the file, a
 * lifetime, a directory and a captured stack per open) and sampling one file in 128.
 *
 * <p>The forks load {@value AgentPipelineBenchmark#AGENT} relative to the working directory: run
 * from the repository root, after {@code mvn -pl reftrack-agent -am package -DskipTests}:
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar CloseableBenchmark}</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CloseableBenchmark {
    private static final String AGENT_CLOSEABLE = "-javaagent:" + AgentPipelineBenchmark.AGENT + "=closeable";
    private static final String QUIET_EXIT = "-Dreftrack.reportAtExit=off";
    /** On the bootstrap class path only once the agent tracks the JDK's closeable classes. */
    private static final String BRIDGE = "io.github.reftrack.agent.boot.ResourceBridge";

    private Path file;

    /**
     * Writes the file; checks that the agent is there in the forks that ask for it.
     *
     * @param params which benchmark this fork runs
     * @throws IOException if the file cannot be written
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws IOException {
        requireAgent(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1).startsWith("agent"));
        file = Files.createTempFile("reftrack-closeable-bench", ".txt");
        Files.writeString(file, "reftrack");
    }

    /**
     * Deletes the file.
     *
     * @throws IOException if it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
    }

    private int openReadClose() throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.read();
        }
    }

    private static void requireAgent(boolean expected) {
        boolean loaded;
        try {
            Class.forName(BRIDGE, false, null);
            loaded = true;
        } catch (ClassNotFoundException e) {
            loaded = false;
        }
        if (loaded != expected) {
            throw new IllegalStateException(expected ? "reftrack-agent is not loaded: run from the repository"
                    + " root after building " + AgentPipelineBenchmark.AGENT
                    : "reftrack-agent is loaded where it should not be");
        }
    }

    /**
     * No agent: the baseline.
     *
     * @return the byte read
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    @Fork(1)
    public int noAgent() throws IOException {
        return openReadClose();
    }

    /**
     * The agent's {@code closeable} profile tracking every file.
     *
     * @return the byte read
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT_CLOSEABLE, "-Dreftrack.mode=full", QUIET_EXIT})
    public int agentCloseableFull() throws IOException {
        return openReadClose();
    }

    /**
     * The agent's {@code closeable} profile sampling one file in 128.
     *
     * @return the byte read
     * @throws IOException if the file cannot be read
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT_CLOSEABLE, "-Dreftrack.mode=sample", QUIET_EXIT})
    public int agentCloseableSample() throws IOException {
        return openReadClose();
    }
}
