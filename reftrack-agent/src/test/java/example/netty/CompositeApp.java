package example.netty;

import com.sun.tools.attach.VirtualMachine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Composite buffers every way a Netty program builds them, all released: components added as
 * fresh buffers, retained slices and duplicates, composites inside composites, flattened,
 * consolidated, removed, discarded; non-retained views; unreleasable constants shaped as Netty's
 * own ({@code HttpObjectEncoder}'s CRLF buffers). Run in a child JVM by the tests, with Netty's
 * leak detector at any level.
 *
 * <p>Arguments: {@code allocator rounds leakEvery [agentJar]}; allocator is {@code pooled} or
 * {@code unpooled}; one round in {@code leakEvery} (0: none) also builds a composite of two buffers
 * and drops it. With an agent jar, 200 clean rounds run first, then the agent is attached to this
 * JVM with the {@code netty} profile (which needs {@code -Djdk.attach.allowAttachSelf=true}).
 */
public final class CompositeApp {
    /** Shaped as Netty 4.1's {@code HttpObjectEncoder.CRLF_BUF}. */
    static final ByteBuf CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();
    /** Shaped as Netty 4.2's {@code HttpObjectEncoder.ZERO_CRLF_CRLF_BUF}. */
    static final ByteBuf ZERO_CRLF_CRLF = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(5).writeBytes(new byte[] {'0', '\r', '\n', '\r', '\n'}).asReadOnly());

    private CompositeApp() {
    }

    /**
     * Runs the application.
     *
     * @param args allocator, rounds, leakEvery, optionally the agent jar to attach
     * @throws Exception if the allocator cannot be created or the attach fails
     */
    public static void main(String[] args) throws Exception {
        ByteBufAllocator alloc = PipelineApp.allocator(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int leakEvery = Integer.parseInt(args[2]);
        long sum = 0;
        if (args.length > 3) {
            for (int i = 0; i < 200; i++) {
                sum += round(alloc, i);
            }
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
            try {
                vm.loadAgent(args[3], "netty");
            } finally {
                vm.detach();
            }
        }
        for (int i = 0; i < rounds; i++) {
            sum += round(alloc, i);
            if (leakEvery > 0 && i % leakEvery == leakEvery - 1) {
                sum += leak(alloc, i);
            }
        }
        System.out.println("rounds " + rounds + " sum " + sum);
    }

    private static long round(ByteBufAllocator alloc, int i) {
        ByteBuf a = alloc.buffer(8).writeLong(i);
        ByteBuf b = alloc.directBuffer(8).writeLong(-i);
        CompositeByteBuf outer = alloc.compositeBuffer();
        CompositeByteBuf inner = Unpooled.compositeBuffer();
        inner.addComponent(true, a.retainedSlice(0, 4));
        inner.addComponent(true, b.retainedDuplicate());
        inner.addComponents(true, alloc.buffer(4).writeInt(i), CRLF.duplicate(), Unpooled.EMPTY_BUFFER);
        long sum = inner.slice(0, 4).getInt(0) + inner.duplicate().readableBytes();
        outer.addComponent(true, inner.retainedSlice());
        outer.addComponent(true, a.retain());
        outer.addComponent(true, ZERO_CRLF_CRLF.duplicate());
        CompositeByteBuf flat = alloc.compositeBuffer().addFlattenedComponents(true, outer.retainedDuplicate());
        sum += flat.readableBytes() + flat.getByte(0);
        ByteBuf wrapped = Unpooled.wrappedBuffer(alloc.buffer(4).writeInt(1), alloc.heapBuffer(4).writeInt(2));
        sum += wrapped.getInt(4);
        CompositeByteBuf small = alloc.compositeBuffer(2);
        small.addComponents(true, alloc.buffer(2).writeShort(1), alloc.buffer(2).writeShort(2),
                alloc.buffer(2).writeShort(3));
        small.addComponent(false, b.retainedSlice(0, 2));
        small.removeComponent(small.numComponents() - 1);
        small.readerIndex(2);
        small.discardReadComponents();
        sum += small.readableBytes();
        wrapped.release();
        small.release();
        flat.release();
        inner.release();
        outer.release();
        a.release();
        b.release();
        return sum;
    }

    private static long leak(ByteBufAllocator alloc, int i) {
        CompositeByteBuf dropped = alloc.compositeBuffer();
        dropped.addComponents(true, alloc.buffer(4).writeInt(i), alloc.buffer(4).writeInt(-i));
        return dropped.readableBytes();
    }
}
