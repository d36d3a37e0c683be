package example.generic;

/** A ref-counted object known by its interface: implemented by {@link Slab}, {@link BigSlab} and {@link Token}. */
public interface Pooled {
    /** Takes one reference. */
    void retain();

    /** Drops one reference. */
    void release();
}
