package example.generic;

/** The {@link Handle} that counts; born with one reference. */
public class CountedHandle extends Handle {
    private int refs = 1;

    @Override
    public void acquire() {
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
