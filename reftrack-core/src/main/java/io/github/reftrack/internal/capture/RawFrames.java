package io.github.reftrack.internal.capture;

import java.util.Arrays;

/**
 * A raw capture as frame words (for example method id and bytecode index pairs), with a hash
 * computed once over the words. Equal words mean an equal call path, so the depot maps them to
 * an interned {@link Stack} without decoding. Immutable: the array is owned by this object.
 * Not API: this package is not exported.
 */
public final class RawFrames implements RawCapture {
    private final long[] words;
    private final int hash;

    /**
     * Wraps frame words; the array must not be changed afterwards.
     *
     * @param words the frames as the source recorded them, innermost first
     */
    public RawFrames(long[] words) {
        this.words = words;
        this.hash = Arrays.hashCode(words);
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
        return other instanceof RawFrames && ((RawFrames) other).hash == hash
                && Arrays.equals(((RawFrames) other).words, words);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "RawFrames[" + words.length + " words]";
    }
}
