package io.github.reftrack.internal.capture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An interned stack: the shown frames of one call path, shared by every tracker taken on it,
 * with its fingerprint computed once. Handle 0 is the empty stack (nothing captured), as the
 * kernel's depot handle 0. Not API: this package is not exported.
 */
public final class Stack implements StackRef {
    /**
     * How many shown frames (innermost first) the fingerprint covers, whatever the depth: so the
     * same leak has one fingerprint on hosts running with {@code -Dreftrack.depth=8} and
     * {@code =32}. A depth below this fingerprints the frames it keeps.
     */
    public static final int FINGERPRINT_FRAMES = 8;

    /** The stack of a reference whose stack was not captured or not stored. */
    public static final Stack EMPTY = new Stack(0, List.of(), false);

    /** Numbers the VM assigns to generated classes, which differ between runs. */
    private static final Pattern HIDDEN_CLASS_SUFFIX = Pattern.compile("/0x[0-9a-f]+");
    private static final Pattern GENERATED_NUMBER = Pattern.compile("(\\$\\$Lambda|\\$Proxy|Accessor)\\$?\\d+");
    /** The dynamic module and package of proxies, {@code jdk.proxy2}, numbered in creation order. */
    private static final Pattern PROXY_MODULE = Pattern.compile("^(jdk\\.proxy|com\\.sun\\.proxy)\\d*");

    private final int handle;
    private final List<StackTraceElement> frames;
    private final String fingerprint;
    private final boolean allHidden;

    Stack(int handle, List<StackTraceElement> frames, boolean allHidden) {
        this.handle = handle;
        this.frames = frames;
        this.fingerprint = fingerprintOf(frames);
        this.allHidden = allHidden;
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
     * Returns the shown frames, innermost first.
     *
     * @return an immutable list
     */
    public List<StackTraceElement> frames() {
        return frames;
    }

    /**
     * Returns whether every captured frame was hidden, so that these are the nearest hidden
     * frames, shown rather than nothing.
     *
     * @return {@code true} for a stack of hidden frames
     */
    public boolean allHidden() {
        return allHidden;
    }

    /**
     * Returns the fingerprint computed when the stack was interned.
     *
     * @return 16 lowercase hex digits
     * @see #fingerprintOf(List)
     */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * Computes the fingerprint of a list of shown frames: a hash of the class and method names
     * of the first {@value #FINGERPRINT_FRAMES} frames (no line numbers, no file names), with the
     * numbers the VM gives generated classes (lambdas, proxies and their modules, accessors)
     * removed. It survives what changes between runs, versions and depth settings.
     *
     * @param frames the shown frames, innermost first
     * @return 16 lowercase hex digits; the same for the empty stack everywhere
     */
    public static String fingerprintOf(List<StackTraceElement> frames) {
        MessageDigest digest = sha256();
        int n = Math.min(frames.size(), FINGERPRINT_FRAMES);
        for (int i = 0; i < n; i++) {
            StackTraceElement frame = frames.get(i);
            digest.update(normalize(frame.getClassName()).getBytes(StandardCharsets.UTF_8));
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

    static String normalize(String className) {
        String cls = HIDDEN_CLASS_SUFFIX.matcher(className).replaceAll("");
        cls = PROXY_MODULE.matcher(cls).replaceFirst("$1");
        return GENERATED_NUMBER.matcher(cls).replaceAll("$1");
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
