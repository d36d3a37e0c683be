package io.github.reftrack.delayedinode;

/**
 * A freed delayed node was touched again: the port's stand-in for a KASAN
 * {@code slab-use-after-free} report. Freed nodes are marked, and every life-cycle function
 * checks the mark before touching a node, so the bug fails loudly where the kernel would read
 * freed memory.
 */
public final class UseAfterFreeException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long inodeId;

    UseAfterFreeException(String site, long inodeId) {
        super("KASAN: slab-use-after-free in " + site + ": delayed_node of inode " + inodeId
                + " was already freed (its last reference was released before this access)");
        this.inodeId = inodeId;
    }

    /**
     * Returns the inode number of the freed node.
     *
     * @return the node's {@code inode_id}
     */
    public long inodeId() {
        return inodeId;
    }
}
