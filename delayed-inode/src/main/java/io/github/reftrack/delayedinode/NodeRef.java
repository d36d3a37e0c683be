package io.github.reftrack.delayedinode;

/**
 * A delayed node together with the tracker slot of the reference held on it, for callers
 * outside the port (benchmarks, tools) that prefer try-with-resources to the kernel's
 * get/release pair:
 *
 * <pre>{@code
 * try (NodeRef ref = fs.nodes().getOrCreate(inode)) {
 *     ref.node().count();
 * }
 * }</pre>
 *
 * <p>Closing releases through {@link DelayedNodes#releaseDelayedNode} with the slot the get
 * filled; closing again does nothing (use the slot API to exercise double releases).
 *
 * <p>Not thread-safe: a reference belongs to its holder.
 */
public final class NodeRef implements AutoCloseable {
    private final DelayedNodes nodes;
    private final DelayedNode node;
    private final BtrfsRefTracker tracker;
    private boolean released;

    NodeRef(DelayedNodes nodes, DelayedNode node, BtrfsRefTracker tracker) {
        this.nodes = nodes;
        this.node = node;
        this.tracker = tracker;
    }

    /**
     * Returns the referenced node.
     *
     * @return the node, never {@code null}
     */
    public DelayedNode node() {
        return node;
    }

    /**
     * Returns the slot holding this reference's tracker.
     *
     * @return the slot the get filled
     */
    public BtrfsRefTracker tracker() {
        return tracker;
    }

    /** Releases the reference, once. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            nodes.releaseDelayedNode(node, tracker);
        }
    }

    @Override
    public String toString() {
        return "NodeRef[" + node + ", " + tracker + (released ? ", released]" : "]");
    }
}
