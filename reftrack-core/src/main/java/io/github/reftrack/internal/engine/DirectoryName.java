package io.github.reftrack.internal.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Names directories as the kernel prints its hashed pointers: {@code <class>@<16 hex digits>},
 * unique for the life of the process, in creation order ({@link #sequence()}) behind a scrambled
 * id. Immutable.
 */
final class DirectoryName {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final long sequence;
    private final long id;
    private final String name;

    private DirectoryName(String className, long sequence) {
        this.sequence = sequence;
        this.id = idOf(sequence);
        // by hand: String.format parsed its pattern on every directory, one per tracked object
        String hex = Long.toHexString(id);
        this.name = className + '@' + "0".repeat(16 - hex.length()) + hex;
    }

    /** Names the next directory of this process. */
    static DirectoryName next(String className) {
        return new DirectoryName(className, SEQUENCE.incrementAndGet());
    }

    /**
     * Scrambles the low 32 bits of a sequence number with a bijection, so names look like the
     * kernel's hashed pointers (upper 32 bits zero) for the first 2^32 directories; the upper
     * bits carry the rest of the sequence, so names stay unique for the life of the process.
     *
     * @param sequence a directory's creation number
     * @return its id
     */
    static long idOf(long sequence) {
        return (sequence & 0xffffffff00000000L) | Integer.toUnsignedLong(mix((int) sequence));
    }

    private static int mix(int x) {
        x = (x ^ (x >>> 16)) * 0x7feb352d;
        x = (x ^ (x >>> 15)) * 0x846ca68b;
        return x ^ (x >>> 16);
    }

    /** Creation order, for listing directories oldest first (the id is scrambled). */
    long sequence() {
        return sequence;
    }

    long id() {
        return id;
    }

    @Override
    public String toString() {
        return name;
    }
}
