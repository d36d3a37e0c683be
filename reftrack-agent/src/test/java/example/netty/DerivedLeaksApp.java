package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * A small Netty application run in a child JVM by the tests: it hands out derived views of
 * buffers, and two call sites forget to release theirs, one a {@code retainedSlice()}, the other
 * a {@code retainedDuplicate()}. Everything else is released.
 *
 * <p>Arguments: {@code allocator rounds leakEvery}; allocator as for {@link PipelineApp};
 * {@code leakEvery} 0 leaks nothing.
 */
public final class DerivedLeaksApp {
    private final List<ByteBuf> kept = new ArrayList<>();

    private DerivedLeaksApp() {
    }

    /**
     * Runs the application.
     *
     * @param args allocator, rounds, leakEvery
     * @throws Exception if the allocator cannot be created
     */
    public static void main(String[] args) throws Exception {
        ByteBufAllocator alloc = PipelineApp.allocator(args[0]);
        int rounds = Integer.parseInt(args[1]);
        int leakEvery = Integer.parseInt(args[2]);
        DerivedLeaksApp app = new DerivedLeaksApp();
        for (int i = 0; i < rounds; i++) {
            ByteBuf buf = alloc.buffer(64).writeZero(64);
            boolean leak = leakEvery > 0 && i % leakEvery == leakEvery - 1;
            app.header(buf, leak);
            app.body(buf, leak);
            buf.release();
        }
        app.kept.clear();
        System.out.println("rounds " + rounds);
    }

    private void header(ByteBuf buf, boolean leak) {
        ByteBuf header = buf.retainedSlice(0, 8);
        if (leak) {
            kept.add(header);
        } else {
            header.release();
        }
    }

    private void body(ByteBuf buf, boolean leak) {
        ByteBuf body = buf.retainedDuplicate();
        if (leak) {
            kept.add(body);
        } else {
            body.release();
        }
    }
}
