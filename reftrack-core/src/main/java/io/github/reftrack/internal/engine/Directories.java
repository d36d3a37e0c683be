package io.github.reftrack.internal.engine;

import io.github.reftrack.HeldReference;
import io.github.reftrack.RefTrackerDir;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open directories of one engine, behind the public {@code RefTrackerRegistry}.
 *
 * <p>Directories are held weakly: a directory that its owner dropped without closing does not
 * stay in memory because of the registry. Its ledger is kept until the garbage collector reports
 * the directory gone; then the housekeeper closes the ledger as {@code close()} would have, so
 * trackers still live are reported, and released. Closed directories leave the table. The no-op
 * directory is never registered.
 *
 * <p>Thread-safe. Each method reads the directories one at a time: every per-directory answer is
 * taken under that directory's lock, the list as a whole is not a snapshot of the process.
 */
public final class Directories {
    private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();
    private final Engine engine;

    Directories(Engine engine) {
        this.engine = engine;
    }

    void register(TrackingRefTrackerDir dir) {
        entries.put(dir.id(), new Entry(dir, engine.housekeeper().collected));
        engine.directoryRegistered();
    }

    void unregister(Ledger ledger) {
        entries.remove(ledger.id());
    }

    /** The ledgers of the open directories, whether or not their handles are still reachable. */
    List<Ledger> openLedgers() {
        List<Ledger> open = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            if (!entry.ledger.isClosed()) {
                open.add(entry.ledger);
            }
        }
        open.sort(Comparator.comparingLong(Ledger::sequence));
        return open;
    }

    /** The directory of this entry was garbage-collected: close its ledger, reporting leaks. */
    void abandoned(Entry entry) {
        if (entries.remove(entry.ledger.id(), entry)) {
            entry.ledger.close(true);
        }
    }

    /**
     * Returns the open directories whose handles are still reachable, oldest first.
     *
     * @return a snapshot list; the directories in it may be closed by the time it is read
     */
    public List<RefTrackerDir> open() {
        List<TrackingRefTrackerDir> open = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            TrackingRefTrackerDir dir = entry.get();
            if (dir != null && !dir.isClosed()) {
                open.add(dir);
            }
        }
        open.sort(Comparator.comparingLong(dir -> dir.ledger.sequence()));
        return List.copyOf(open);
    }

    /**
     * Lists the references held longest across the open directories, each directory's list read
     * under its lock.
     *
     * @param n how many to list, at most; 0 or more
     * @return up to {@code n} references, oldest first
     */
    public List<HeldReference> oldest(int n) {
        List<HeldReference> all = new ArrayList<>();
        for (Ledger ledger : openLedgers()) {
            all.addAll(ledger.oldest(n));
        }
        all.sort(Comparator.comparing(HeldReference::age).reversed());
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /** Watches a directory's handle; keeps its ledger so it can still be reported. */
    static final class Entry extends WeakReference<TrackingRefTrackerDir> {
        final Ledger ledger;

        Entry(TrackingRefTrackerDir dir, ReferenceQueue<Object> queue) {
            super(dir, queue);
            this.ledger = dir.ledger;
        }
    }
}
