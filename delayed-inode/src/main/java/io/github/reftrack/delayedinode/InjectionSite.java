package io.github.reftrack.delayedinode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A code path of the port that fault injection can make forget one release, so a delayed node
 * keeps a reference forever and {@code killAllDelayedNodes} cannot finish: the kernel's soft
 * lockup, on demand. Arm one with {@link MountOptions.Builder#inject(InjectionSite)}; it fires
 * once, the first time its path runs.
 *
 * <p>Immutable and thread-safe.
 */
public enum InjectionSite {
    /** The {@code getOrCreateDelayedNode} reference taken by {@code insertDelayedDirIndex} is never released. */
    INSERT_DIR_INDEX_GET("insertDelayedDirIndex",
            "insertDelayedDirIndex forgets to release the node it got from getOrCreateDelayedNode."),
    /** {@code readdirGetDelayedItems} forgets its raw drop (tracker free + refcount decrement). */
    READDIR_RAW_DROP("readdirGetDelayedItems",
            "readdirGetDelayedItems collects the pending items but never drops its node reference."),
    /** The async worker skips {@code releasePreparedDelayedNode} after flushing a node. */
    ASYNC_WORKER_RELEASE("asyncRunDelayedRoot",
            "The async worker flushes a prepared node and never releases it."),
    /** Eviction ({@code removeDelayedNode}) clears the inode's cache pointer without releasing. */
    EVICT_INODE_CACHE_RELEASE("inode_cache",
            "removeDelayedNode clears the inode's cached node on eviction without releasing the inode-cache"
                    + " reference."),
    /** {@code runDelayedItems} hands {@code curr} to {@code prev} and never releases {@code prev}. */
    FIRST_NEXT_WALK("runDelayedItems",
            "runDelayedItems's first/next walk moves to the next node without releasing the previous one."),
    /** {@code killAllDelayedNodes} pins a node and never releases its pin. */
    KILL_ALL_PIN("killAllDelayedNodes",
            "killAllDelayedNodes pins a node, kills its items and never releases the pin.");

    private final String reportMarker;
    private final String description;

    InjectionSite(String reportMarker, String description) {
        this.reportMarker = reportMarker;
        this.description = description;
    }

    /**
     * Returns the name used on command lines: the constant's name in kebab case.
     *
     * @return for example {@code "insert-dir-index-get"}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns one sentence saying which release the site forgets.
     *
     * @return the description, never {@code null}
     */
    public String description() {
        return description;
    }

    /**
     * Returns the text a leak report of the stuck node contains when this site fired: the method
     * that took the leaked reference (a frame of the group's stack), or for
     * {@link #EVICT_INODE_CACHE_RELEASE} the holder name {@code inode_cache} (the reference that
     * leaks is the embedded inode-cache one, whose stack is the get that cached the node).
     *
     * @return a method name or holder name
     */
    public String reportMarker() {
        return reportMarker;
    }

    /**
     * Parses a {@linkplain #cliName() command-line name}.
     *
     * @param name a kebab-case name such as {@code "kill-all-pin"}; case and surrounding blanks
     *             are ignored
     * @return the site
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no site has that name; the message lists the valid ones
     */
    public static InjectionSite fromCliName(String name) {
        Objects.requireNonNull(name, "name");
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (InjectionSite site : values()) {
            if (site.cliName().equals(wanted)) {
                return site;
            }
        }
        throw new IllegalArgumentException("unknown injection site '" + name + "': use one of "
                + Arrays.stream(values()).map(InjectionSite::cliName).collect(Collectors.joining(", ")));
    }
}
