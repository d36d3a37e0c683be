package example.generic;

/** A {@link Pooled} born with one reference. */
public class Slab implements Pooled {
    private int refs = 1;

    @Override
    public void retain() {
        refs++;
    }

    @Override
    public void release() {
        if (refs <= 0) {
            throw new IllegalStateException("released more than acquired");
        }
        refs--;
    }
}
