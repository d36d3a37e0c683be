package io.github.reftrack.delayedinode;

import java.util.ArrayList;
import java.util.List;

/**
 * Pending dir-index items collected for readdir or the tree log, each holding an item reference
 * until given back.
 *
 * <p>Immutable list holder; the items themselves belong to their node.
 */
public final class PendingEntries {
    static final PendingEntries EMPTY = new PendingEntries(List.of(), List.of());

    final List<DelayedItem> insertions;
    final List<DelayedItem> deletions;

    PendingEntries(List<DelayedItem> insertions, List<DelayedItem> deletions) {
        this.insertions = List.copyOf(insertions);
        this.deletions = List.copyOf(deletions);
    }

    List<DelayedItem> items() {
        List<DelayedItem> all = new ArrayList<>(insertions);
        all.addAll(deletions);
        return all;
    }

    /**
     * Returns the dir indexes of the pending insertions, ascending.
     *
     * @return the indexes readdir must add
     */
    public List<Long> insertedIndexes() {
        return insertions.stream().map(i -> i.index).toList();
    }

    /**
     * Returns the dir indexes of the pending deletions, ascending.
     *
     * @return the indexes readdir must hide
     */
    public List<Long> deletedIndexes() {
        return deletions.stream().map(i -> i.index).toList();
    }
}
