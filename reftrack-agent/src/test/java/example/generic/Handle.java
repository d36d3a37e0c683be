package example.generic;

/** An abstract ref-counted handle: the counting is its subclasses' ({@link CountedHandle}). */
public abstract class Handle {
    /** Takes one reference. */
    public abstract void acquire();

    /** Drops one reference. */
    public abstract void release();
}
