package example.generic;

/** A ref-counted lease of the test's own: born with one holder, shared with borrow, returned with giveBack. */
public class Lease {
    private int holders = 1;

    /** Takes one more holder. */
    public void borrow() {
        holders++;
    }

    /** Drops one holder. */
    public void giveBack() {
        holders--;
    }

    /**
     * Returns the holders.
     *
     * @return the count
     */
    public int holders() {
        return holders;
    }
}
