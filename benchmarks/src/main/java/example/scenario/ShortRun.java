package example.scenario;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The short-run scenario of issue 19: a small, unmodified Netty program of the kind users run
 * under the agent in a test JVM or a short job. Pooled buffers go through an
 * {@link EmbeddedChannel} whose decoder cuts each into a retained slice; a handler
 * {@code retain()}s every frame for a journal and drops its own reference; the journal releases
 * its frames every 64 frames. The program is correct: every reference is released.
 *
 * <p>It lives outside reftrack's packages, as a user's program does. Run as a whole process by
 * {@code benchmarks/scenarios/short-run.sh}; argument: the number of frames (0 measures
 * start-up alone). It prints one {@code frames N journaled N released N pending 0} line and exits
 * with status 1 if a frame was not released exactly once.
 */
public final class ShortRun {
    /** Bytes per frame. */
    static final int FRAME = 16;
    private static final int FLUSH_EVERY = 64;

    private ShortRun() {
    }

    /**
     * Runs the program.
     *
     * @param args the number of frames (default 50,000)
     */
    public static void main(String[] args) {
        Journal journal = run(args.length > 0 ? Integer.parseInt(args[0]) : 50_000);
        System.out.println(journal);
        if (!journal.balanced()) {
            System.err.println("short-run: frames not released exactly once: " + journal);
            System.exit(1);
        }
    }

    /**
     * Sends {@code frames} frames through the pipeline and flushes the journal.
     *
     * @param frames how many frames
     * @return the journal, with its counts
     */
    static Journal run(int frames) {
        ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
        Journal journal = new Journal(frames);
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(), new JournalHandler(journal));
        for (int i = 0; i < frames; i++) {
            ByteBuf buf = alloc.buffer(FRAME);
            buf.writeInt(i).writeZero(FRAME - Integer.BYTES);
            channel.writeInbound(buf);
            if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                journal.flush();
            }
        }
        journal.flush();
        journal.leftInChannel = channel.finishAndReleaseAll();
        return journal;
    }

    /** Cuts the inbound bytes into frames, each a retained slice of the cumulation. */
    static final class FrameDecoder extends ByteToMessageDecoder {
        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            while (in.readableBytes() >= FRAME) {
                out.add(in.readRetainedSlice(FRAME));
            }
        }
    }

    /** Hands each frame to the journal with a reference of its own, then drops the handler's. */
    static final class JournalHandler extends ChannelInboundHandlerAdapter {
        private final Journal journal;

        JournalHandler(Journal journal) {
            this.journal = journal;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            journal.append(frame.retain());
            if (frame.release()) {
                journal.releasedTooEarly++;
            }
        }
    }

    /** Keeps frames until a flush, which reads and releases them. */
    static final class Journal {
        private final List<ByteBuf> pending = new ArrayList<>();
        private final int frames;
        long journaled;
        long released;
        long releasedTooEarly;
        long checksum;
        boolean leftInChannel;

        Journal(int frames) {
            this.frames = frames;
        }

        void append(ByteBuf frame) {
            pending.add(frame);
            journaled++;
        }

        void flush() {
            for (ByteBuf frame : pending) {
                checksum += frame.getInt(frame.readerIndex());
                if (frame.release()) {
                    released++;
                }
            }
            pending.clear();
        }

        boolean balanced() {
            return journaled == frames && released == frames && releasedTooEarly == 0 && pending.isEmpty()
                    && !leftInChannel;
        }

        @Override
        public String toString() {
            return "frames " + frames + " journaled " + journaled + " released " + released + " pending "
                    + pending.size() + (leftInChannel ? " (messages left in the channel)" : "");
        }
    }
}
