package io.github.reftrack.delayedinode;

/** The negative errno values the port returns, with the kernel's numbers. */
public final class Errno {
    /** {@code -ENOENT}. */
    public static final int ENOENT = -2;
    /** {@code -EIO}. */
    public static final int EIO = -5;
    /** {@code -EAGAIN}. */
    public static final int EAGAIN = -11;
    /** {@code -ENOMEM}. */
    public static final int ENOMEM = -12;
    /** {@code -EEXIST}. */
    public static final int EEXIST = -17;
    /** {@code -EINVAL}. */
    public static final int EINVAL = -22;

    private Errno() {
    }
}
