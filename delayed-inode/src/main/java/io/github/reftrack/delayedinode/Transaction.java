package io.github.reftrack.delayedinode;

/**
 * A running transaction: its id and whether it was aborted. Delayed items record the transid of
 * the update; an aborted transaction refuses to run delayed items ({@code -EIO}).
 *
 * <p>Thread-safe: {@code aborted} is volatile.
 */
public final class Transaction {
    final long transid;
    private volatile boolean aborted;

    Transaction(long transid) {
        this.transid = transid;
    }

    /**
     * Returns the transaction id.
     *
     * @return the transid
     */
    public long transid() {
        return transid;
    }

    /**
     * Returns whether the transaction was aborted.
     *
     * @return {@code true} after {@link #abort()}
     */
    public boolean isAborted() {
        return aborted;
    }

    /** Aborts the transaction ({@code btrfs_abort_transaction}). */
    public void abort() {
        aborted = true;
    }

    @Override
    public String toString() {
        return "transaction " + transid + (aborted ? " (aborted)" : "");
    }
}
