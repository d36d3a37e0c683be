package example.generic;

/**
 * Shares ref-counted objects of one shape with a consumer that releases them; one share in
 * {@code leakEvery} is never released by the consumer. Each shape takes its reference in its own
 * {@code share} method, the line the tests expect a leak to be reported at.
 *
 * <p>Arguments: {@code shape objects leakEvery}, shape {@code arrow} ({@link ArrowLikeBuf}),
 * {@code zero} ({@link ZeroStartChunk}), {@code sub} ({@link SubLease} beside plain {@link Lease}s
 * that leak too) or {@code abstract} ({@link CountedHandle}).
 */
public final class ShapesApp {
    private ShapesApp() {
    }

    /**
     * Runs the application.
     *
     * @param args shape, objects, leakEvery
     */
    public static void main(String[] args) {
        System.out.println("started");
        String shape = args[0];
        int objects = Integer.parseInt(args[1]);
        int leakEvery = Integer.parseInt(args[2]);
        ChunkPool pool = new ChunkPool();
        for (int i = 0; i < objects; i++) {
            boolean forget = leakEvery > 0 && i % leakEvery == leakEvery - 1;
            switch (shape) {
                case "arrow" -> arrow(i, forget);
                case "zero" -> zero(pool, forget);
                case "sub" -> sub(forget);
                case "abstract" -> handle(forget);
                default -> throw new IllegalArgumentException(shape);
            }
        }
        System.out.println(shape + " " + objects);
    }

    private static void arrow(int i, boolean forget) {
        ArrowLikeBuf buf = new ArrowLikeBuf();
        if (i % 2 == 0 || forget) {
            shareArrow(buf, forget);
        } else {
            shareArrowTwice(buf);
        }
        buf.release();
    }

    private static void shareArrow(ArrowLikeBuf buf, boolean forget) {
        buf.retain();
        if (!forget) {
            buf.release();
        }
    }

    private static void shareArrowTwice(ArrowLikeBuf buf) {
        buf.retain(2);
        buf.release(2);
    }

    private static void zero(ChunkPool pool, boolean forget) {
        ZeroStartChunk chunk = pool.take();
        shareChunk(chunk, forget);
        chunk.release();
    }

    private static void shareChunk(ZeroStartChunk chunk, boolean forget) {
        chunk.acquire();
        if (!forget) {
            chunk.release();
        }
    }

    private static void sub(boolean forget) {
        Lease plain = new Lease();
        sharePlain(plain, forget);
        plain.giveBack();
        SubLease special = new SubLease();
        shareSub(special, forget);
        special.giveBack();
    }

    private static void sharePlain(Lease lease, boolean forget) {
        lease.borrow();
        if (!forget) {
            lease.giveBack();
        }
    }

    private static void shareSub(SubLease lease, boolean forget) {
        lease.borrow();
        if (!forget) {
            lease.giveBack();
        }
    }

    private static void handle(boolean forget) {
        Handle handle = new CountedHandle();
        shareHandle(handle, forget);
        handle.release();
    }

    private static void shareHandle(Handle handle, boolean forget) {
        handle.acquire();
        if (!forget) {
            handle.release();
        }
    }
}
