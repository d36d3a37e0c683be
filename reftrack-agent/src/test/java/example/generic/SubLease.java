package example.generic;

/** A lease of a special kind that inherits {@code borrow} and {@code giveBack} from {@link Lease}. */
public class SubLease extends Lease {
}
