package io.github.reftrack.delayedinode;

/**
 * The parts of an on-disk inode item the port keeps: what a delayed inode update writes.
 *
 * @param ino        inode number
 * @param size       file size (for a directory: bytes of its entries' names, as btrfs counts)
 * @param nlink      link count
 * @param generation bumped by every in-memory update, so a flushed copy can be told apart
 * @param transid    transaction that made the update
 */
public record InodeItem(long ino, long size, int nlink, long generation, long transid) {
}
