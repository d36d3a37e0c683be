package io.github.reftrack.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
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
 * reftrack-agent on a Netty pipeline, ns per frame: a pooled buffer carrying one frame goes
 * through an {@link EmbeddedChannel} with a decoder that cuts it into a retained slice and a
 * handler that releases the slice. Side by side in separate forks: no agent; the agent with
 * {@code reftrack.mode} off, sample and full; Netty's own detector at SIMPLE, PARANOID, and
 * PARANOID with {@code acquireAndReleaseOnly}.
 *
 * <p>The forks load {@value #AGENT} relative to the working directory: run from the repository
 * root, after {@code mvn -pl reftrack-agent -am package -DskipTests}:
 * <pre>{@code java -jar benchmarks/target/benchmarks.jar AgentPipelineBenchmark}</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentPipelineBenchmark {
    /** The agent jar, relative to the repository root. */
    public static final String AGENT = "reftrack-agent/target/reftrack-agent.jar";
    private static final String AGENT_NETTY = "-javaagent:" + AGENT + "=netty";
    private static final String NO_NETTY_DETECTOR = "-Dio.netty.leakDetection.level=disabled";
    private static final String QUIET_EXIT = "-Dreftrack.reportAtExit=off";
    private static final int FRAME = 16;

    private ByteBufAllocator alloc;
    private EmbeddedChannel channel;
    private ReleasingHandler handler;

    /** Cuts frames as retained slices of the cumulation. */
    static final class FrameDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= FRAME) {
                out.add(in.readRetainedSlice(FRAME));
            }
        }
    }

    /** Reads each frame's first int and releases it. */
    static final class ReleasingHandler extends ChannelInboundHandlerAdapter {
        long sum;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            sum += frame.getInt(frame.readerIndex());
            frame.release();
        }
    }

    /**
     * Builds the pipeline; checks that the agent is there in the forks that ask for it.
     *
     * @param params which benchmark this fork runs
     */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        requireAgent(params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1).startsWith("agent"));
        alloc = new PooledByteBufAllocator(false);
        handler = new ReleasingHandler();
        channel = new EmbeddedChannel(new FrameDecoder(), handler);
    }

    /** Releases what the channel still holds. */
    @TearDown(Level.Trial)
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    private long frame() {
        ByteBuf buf = alloc.buffer(FRAME);
        buf.writeLong(handler.sum).writeLong(0);
        channel.writeInbound(buf);
        return handler.sum;
    }

    private static void requireAgent(boolean expected) {
        // the agent marks the JVM it loads into before anything else (one agent per JVM)
        boolean loaded = System.getProperty("reftrack.agent.loaded") != null;
        if (loaded != expected) {
            throw new IllegalStateException(expected ? "reftrack-agent is not loaded: run from the repository"
                    + " root after building " + AGENT : "reftrack-agent is loaded where it should not be");
        }
    }

    /**
     * No agent, Netty's detector disabled: the baseline.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {NO_NETTY_DETECTOR})
    public long noAgent() {
        return frame();
    }

    /**
     * The agent installed with {@code -Dreftrack.mode=off}.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT_NETTY, "-Dreftrack.mode=off", NO_NETTY_DETECTOR, QUIET_EXIT})
    public long agentOff() {
        return frame();
    }

    /**
     * The agent sampling one buffer lifetime in 128.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT_NETTY, "-Dreftrack.mode=sample", NO_NETTY_DETECTOR, QUIET_EXIT})
    public long agentSample() {
        return frame();
    }

    /**
     * The agent tracking every reference.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {AGENT_NETTY, "-Dreftrack.mode=full", NO_NETTY_DETECTOR, QUIET_EXIT})
    public long agentFull() {
        return frame();
    }

    /**
     * Netty's detector at SIMPLE (its default), no agent.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=simple"})
    public long nettySimple() {
        return frame();
    }

    /**
     * Netty's detector at PARANOID, no agent.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=paranoid"})
    public long nettyParanoid() {
        return frame();
    }

    /**
     * Netty's detector at PARANOID recording only acquires and releases, no agent.
     *
     * @return the handler's sum
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Dio.netty.leakDetection.level=paranoid",
        "-Dio.netty.leakDetection.acquireAndReleaseOnly=true"})
    public long nettyParanoidAcquireReleaseOnly() {
        return frame();
    }
}
