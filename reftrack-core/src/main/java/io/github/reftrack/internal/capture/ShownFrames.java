package io.github.reftrack.internal.capture;

import io.github.reftrack.FrameFilter;

/**
 * Finds, in a raw native capture, where its first {@code depth} shown frames end: the frames the
 * depot will keep once it has decoded the stack and dropped the hidden ones (those the VM leaves
 * out of a {@code Throwable}, and those the {@link FrameFilter} hides). The native source uses
 * it on the hot path to tell whether the frames it walked are enough, so it asks JVMTI once per
 * method and remembers each answer in a small table.
 *
 * <p><b>The table.</b> One slot per method id hash, overwritten on collision; a slot holds an
 * immutable {@link Verdict} (all fields final, so a racing reader sees it whole or not at all).
 * A verdict is used only while the filter's {@link FrameFilter#generation()} is the one it was
 * computed under and its method's class is still loaded (HotSpot may reuse the id of a method
 * whose class was unloaded). A miss costs a look-up in {@link NativeStacks}'s cache of method
 * descriptions, or four JVMTI calls for a method never seen.
 *
 * <p>Thread-safe. Not API: this package is not exported.
 */
final class ShownFrames {
    /** Returned by {@link #end} when the frames hold fewer than {@code depth} shown ones. */
    static final int TOO_FEW = -1;

    private static final int SLOTS = 1 << 12;
    private static final int SHOWN = 0;
    private static final int HIDDEN = 1;
    /** A virtual thread's own frames end here; what follows is its carrier's. */
    private static final int END = 2;
    private static final long ID_MASK = 0xFFFF_FFFF_FFFFL;

    private final NativeStacks stacks;
    private final FrameFilter filter;
    private final Verdict[] verdicts = new Verdict[SLOTS];

    ShownFrames(NativeStacks stacks, FrameFilter filter) {
        this.stacks = stacks;
        this.filter = filter;
    }

    /**
     * Returns how many of the raw frames it takes to hold the first {@code depth} shown frames
     * (or a virtual thread's whole stack, when it ends first).
     *
     * @param raw   raw frames captured in this JVM, innermost first
     * @param depth how many shown frames are wanted, 1 or more
     * @return the length of that prefix of {@code raw}, or {@link #TOO_FEW}
     */
    int end(long[] raw, int depth) {
        int generation = filter.generation();
        int shown = 0;
        for (int i = 0; i < raw.length; i++) {
            int kind = kind(raw[i], generation);
            if (kind == END || (kind == SHOWN && ++shown == depth)) {
                return i + 1;
            }
        }
        return TOO_FEW;
    }

    private int kind(long raw, int generation) {
        long id = raw & ID_MASK;
        int slot = (int) ((id * 0x9E37_79B9_7F4A_7C15L) >>> 52);
        Verdict verdict = verdicts[slot];
        if (verdict != null && verdict.id == id && verdict.generation == generation && verdict.method.alive()) {
            return verdict.kind;
        }
        NativeMethod method = stacks.method(raw);
        if (method == null) {
            // Decoded as an "unloaded" frame, which is shown; not cached, the id may come back.
            return SHOWN;
        }
        int kind = method.continuationEntry() ? END
                : method.hidden() || filter.hides(method.className()) ? HIDDEN : SHOWN;
        verdicts[slot] = new Verdict(id, method, generation, kind);
        return kind;
    }

    /** One method's answer under one generation of the filter. */
    private static final class Verdict {
        final long id;
        final NativeMethod method;
        final int generation;
        final int kind;

        Verdict(long id, NativeMethod method, int generation, int kind) {
            this.id = id;
            this.method = method;
            this.generation = generation;
            this.kind = kind;
        }
    }
}
