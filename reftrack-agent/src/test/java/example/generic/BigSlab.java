package example.generic;

/** A {@link Slab} whose release does more and calls its superclass's: one release, not two. */
public final class BigSlab extends Slab {
    private int released;

    @Override
    public void release() {
        released++;
        super.release();
    }
}
