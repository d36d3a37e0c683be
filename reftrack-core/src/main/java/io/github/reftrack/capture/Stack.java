package io.github.reftrack.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An interned stack: the frames of one call path, shared by every tracker taken on it. Handle 0
 * is the empty stack (nothing captured), as the kernel's depot handle 0.
 * Not API: this package is not exported.
 */
public final class Stack {
    /** The stack of a reference whose stack was not captured or not stored. */
    public static final Stack EMPTY = new Stack(0, List.of());

    /** Numbers the VM assigns to generated classes, which differ between runs. */
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x[0-9a-f]+");
    private static final Pattern GENERATED_NUMBER = Pattern.compile("(\\$\\$Lambda|\\$Proxy|Accessor)\\$?\\d+");

    private final int handle;
    private final List<StackTraceElement> frames;
    private volatile String fingerprint;

    Stack(int handle, List<StackTraceElement> frames) {
        this.handle = handle;
        this.frames = frames;
    }

    /**
     * Returns the depot handle: equal stacks have equal handles, 0 is the empty stack.
     *
     * @return the handle
     */
    public int handle() {
        return handle;
    }

    /**
     * Returns the frames, innermost first.
     *
     * @return an immutable list
     */
    public List<StackTraceElement> frames() {
        return frames;
    }

    /**
     * Returns a fingerprint of the call path that survives what changes between runs and
     * versions: it hashes class and method names only (no line numbers, no file names), with the
     * numbers the VM gives generated classes (lambdas, proxies, accessors) removed.
     *
     * @return 16 lowercase hex digits; the same for the empty stack everywhere
     */
    public String fingerprint() {
        String cached = fingerprint;
        if (cached == null) {
            cached = fingerprintOf(frames);
            fingerprint = cached;
        }
        return cached;
    }

    /**
     * Computes the fingerprint of any frame list, as {@link #fingerprint()} does.
     *
     * @param frames the frames, innermost first
     * @return 16 lowercase hex digits
     */
    public static String fingerprintOf(List<StackTraceElement> frames) {
        MessageDigest digest = sha256();
        for (StackTraceElement frame : frames) {
            String cls = HIDDEN_CLASS_SUFFIX.matcher(frame.getClassName()).replaceAll("");
            cls = GENERATED_NUMBER.matcher(cls).replaceAll("$1");
            digest.update(cls.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '.');
            digest.update(frame.getMethodName().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        byte[] hash = digest.digest();
        StringBuilder hex = new StringBuilder(16);
        for (int i = 0; i < 8; i++) {
            hex.append(Character.forDigit((hash[i] >> 4) & 0xf, 16)).append(Character.forDigit(hash[i] & 0xf, 16));
        }
        return hex.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "Stack[" + handle + ", " + frames.size() + " frames]";
    }
}
