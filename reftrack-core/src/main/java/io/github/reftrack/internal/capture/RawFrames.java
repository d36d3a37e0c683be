package io.github.reftrack.internal.capture;

import java.util.Arrays;

/**
 * A raw capture as frame words (for example method id and bytecode index pairs). Equal words
 * mean an equal call path, so the depot maps them to an interned {@link Stack} without decoding.
 * The hash is computed when the depot first asks for it, not on the hot path that captured the
 * words: most captures belong to references released long before anyone looks them up.
 * Immutable: the array is owned by this object. Not API: this package is not exported.
 *
 * <p>Thread-safe: the cached hash is computed from the immutable words, so a racing thread at
 * worst computes it again (as {@link String#hashCode()} does).
 */
public final class RawFrames implements RawCapture {
    private final long[] words;
    /** 0 until first computed. */
    private int hash;

    /**
     * Wraps frame words; the array must not be changed afterwards.
     *
     * @param words the frames as the source recorded them, innermost first
     */
    public RawFrames(long[] words) {
        this.words = words;
    }

    /**
     * A 64-bit hash of frame words, equal for equal stacks in this JVM (method ids are per run).
     *
     * @param words frame words, innermost first
     * @param n     how many of them
     * @return the hash
     */
    public static long hash(long[] words, int n) {
        long h = n;
        for (int i = 0; i < n; i++) {
            h = (h ^ words[i]) * 0x9E3779B97F4A7C15L;
            h ^= h >>> 31;
        }
        return h;
    }

    /**
     * Returns the frame words (the owned array: do not modify).
     *
     * @return the words, innermost first
     */
    public long[] words() {
        return words;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RawFrames && ((RawFrames) other).hashCode() == hashCode()
                && Arrays.equals(((RawFrames) other).words, words);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Long.hashCode(hash(words, words.length));
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "RawFrames[" + words.length + " words]";
    }
}
