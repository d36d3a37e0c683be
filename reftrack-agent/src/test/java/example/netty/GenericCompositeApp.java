package example.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Builds composite buffers (whose {@code retain()} overrides call {@code super.retain()}) and
 * shares them and plain buffers with a reader that releases them; one plain buffer in
 * {@code leakEvery} is never released by the reader. Run with a generic spec on Netty's
 * {@code AbstractReferenceCountedByteBuf}, as a user of a relocated Netty would.
 *
 * <p>Arguments: {@code buffers leakEvery}.
 */
public final class GenericCompositeApp {
    private GenericCompositeApp() {
    }

    /**
     * Runs the application.
     *
     * @param args buffers, leakEvery
     */
    public static void main(String[] args) {
        int buffers = Integer.parseInt(args[0]);
        int leakEvery = Integer.parseInt(args[1]);
        long sum = 0;
        for (int i = 0; i < buffers; i++) {
            CompositeByteBuf composite = Unpooled.compositeBuffer();
            composite.addComponent(true, Unpooled.buffer(8).writeLong(i));
            composite.addComponent(true, Unpooled.buffer(8).writeLong(-i));
            sum += read(composite.retain());
            composite.release();
            ByteBuf plain = Unpooled.buffer(8).writeLong(i);
            sum += share(plain, leakEvery > 0 && i % leakEvery == leakEvery - 1);
            plain.release();
        }
        System.out.println("buffers " + buffers + " sum " + sum);
    }

    private static long read(ByteBuf buf) {
        long value = buf.getLong(0) + buf.getLong(8);
        buf.release();
        return value;
    }

    private static long share(ByteBuf buf, boolean forget) {
        buf.retain();
        long value = buf.getLong(0);
        if (!forget) {
            buf.release();
        }
        return value;
    }
}
