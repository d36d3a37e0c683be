/**
 * The btrfs delayed-inode port, instrumented with reftrack: the port itself
 * ({@code io.github.reftrack.delayedinode}) and its workload driver
 * ({@code io.github.reftrack.delayedinode.workload}).
 */
module io.github.reftrack.delayedinode {
    requires transitive io.github.reftrack;

    exports io.github.reftrack.delayedinode;
    exports io.github.reftrack.delayedinode.workload;
}
