package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive FIFO of delayed nodes, the kernel's {@code struct list_head}: each node embeds one
 * {@link Link} per list, so append, unlink and move-to-tail are O(1) and "is it on the list" is a
 * pointer test (a link that points at itself is off every list, as after
 * {@code list_del_init}).
 *
 * <p>Not thread-safe: the owner ({@link DelayedRoot}) guards every list with its lock.
 */
final class NodeFifo {
    private final Link head = new Link(null);
    private int size;

    /** A node's membership in one list; self-linked when not on it. */
    static final class Link {
        final DelayedNode node;
        Link prev = this;
        Link next = this;

        Link(DelayedNode node) {
            this.node = node;
        }

        boolean isLinked() {
            return next != this;
        }
    }

    void addTail(Link link) {
        link.prev = head.prev;
        link.next = head;
        head.prev.next = link;
        head.prev = link;
        size++;
    }

    /** Unlinks and self-links {@code link}, which must be on this list. */
    void remove(Link link) {
        link.prev.next = link.next;
        link.next.prev = link.prev;
        link.prev = link;
        link.next = link;
        size--;
    }

    /** {@code list_move_tail}. */
    void moveTail(Link link) {
        remove(link);
        addTail(link);
    }

    DelayedNode first() {
        return head.next == head ? null : head.next.node;
    }

    /** Returns the node after {@code link}, or {@code null} if it is the last. */
    DelayedNode next(Link link) {
        return link.next == head ? null : link.next.node;
    }

    int size() {
        return size;
    }

    /** Returns the nodes in list order (a copy). */
    List<DelayedNode> toList() {
        List<DelayedNode> nodes = new ArrayList<>(size);
        for (Link l = head.next; l != head; l = l.next) {
            nodes.add(l.node);
        }
        return nodes;
    }
}
