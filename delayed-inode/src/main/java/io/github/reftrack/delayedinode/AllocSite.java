package io.github.reftrack.delayedinode;

/**
 * Where a tracker is allocated, and whether that allocation may fail (spec §9.3): sites under a
 * spinlock allocate with {@code GFP_ATOMIC} and may fail, leaving the slot empty and the
 * reference counted as untracked; {@code GFP_NOFS} sites never fail.
 */
enum AllocSite {
    /** {@code btrfs_get_delayed_node} fast path (inode cache hit). */
    GET_FAST(false),
    /** Slow path, the node was cached by someone else meanwhile. */
    GET_CACHED(true),
    /** Slow path, caller's tracker when caching an existing node. */
    GET_SLOW(true),
    /** Slow path, the inode-cache tracker when caching an existing node. */
    GET_SLOW_INODE_CACHE(true),
    /** {@code get_or_create}, caller's tracker for a new node (NOFS fixed; ATOMIC in the seed ordering). */
    CREATE(false),
    /** {@code get_or_create}, inode-cache tracker for a new node (idem). */
    CREATE_INODE_CACHE(false),
    /** {@code btrfs_first_delayed_node}. */
    FIRST(true),
    /** {@code btrfs_next_delayed_node}. */
    NEXT(true),
    /** {@code btrfs_first_prepared_delayed_node}. */
    FIRST_PREPARED(true),
    /** {@code btrfs_queue_delayed_node}: the node-list tracker. */
    QUEUE(true),
    /** {@code btrfs_kill_all_delayed_nodes}: the pin. */
    KILL_ALL_PIN(true);

    final boolean atomic;

    AllocSite(boolean atomic) {
        this.atomic = atomic;
    }
}
