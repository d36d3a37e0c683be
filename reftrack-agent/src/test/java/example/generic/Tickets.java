package example.generic;

/** A class whose opening method is static: not an acquire method a spec can name. */
public final class Tickets {
    private Tickets() {
    }

    /**
     * Opens tickets.
     *
     * @return new tickets
     */
    public static Tickets open() {
        return new Tickets();
    }

    /** Closes them. */
    public void close() {
        // nothing to free
    }
}
