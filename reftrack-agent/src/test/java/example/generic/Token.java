package example.generic;

/** Another implementation of {@link Pooled}, unrelated to {@link Slab}. */
public final class Token implements Pooled {
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
