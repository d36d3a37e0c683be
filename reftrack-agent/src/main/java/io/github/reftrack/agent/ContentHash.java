package io.github.reftrack.agent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * A 128-bit content hash for the {@link ClassCache}: CRC-32C, CRC-32 and Adler-32 of the bytes
 * and their length. It tells apart versions of a class file, agent builds and set-ups, and finds
 * corrupted entries; it is not meant to resist someone crafting a collision (whoever can write the
 * cache directory can write any entry anyway). Chosen over SHA-256 because the JDK computes these
 * natively without initialising its security providers, which cost a JVM's start-up more than the
 * whole cache lookup. Not thread-safe; one per computation.
 */
final class ContentHash {
    private final CRC32C crc32c = new CRC32C();
    private final CRC32 crc32 = new CRC32();
    private final Adler32 adler = new Adler32();
    private long length;

    ContentHash update(byte[] bytes) {
        return update(bytes, 0, bytes.length);
    }

    ContentHash update(byte[] bytes, int offset, int count) {
        crc32c.update(bytes, offset, count);
        crc32.update(bytes, offset, count);
        adler.update(bytes, offset, count);
        length += count;
        return this;
    }

    ContentHash update(ByteBuffer bytes) {
        return update(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
    }

    /** Adds text, and a separator so that ("ab", "c") and ("a", "bc") differ. */
    ContentHash update(String text) {
        return update(text.getBytes(StandardCharsets.UTF_8)).update(new byte[] {0});
    }

    /** The hash: 16 bytes. */
    byte[] bytes() {
        return ByteBuffer.allocate(16).putInt((int) crc32c.getValue()).putInt((int) crc32.getValue())
                .putInt((int) adler.getValue()).putInt((int) length).array();
    }

    /** The hash as 32 hex digits. */
    String hex() {
        return HexFormat.of().formatHex(bytes());
    }

    /** The hash of some bytes, as 32 hex digits. */
    static String of(byte[] bytes) {
        return new ContentHash().update(bytes).hex();
    }
}
