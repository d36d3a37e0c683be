package io.github.reftrack.absent;

import io.github.reftrack.LeakReport;
import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM (a small heap) by {@code AdversarialTest}: takes and releases references,
 * reports and closes while the heap is exhausted and while the stack is nearly exhausted, then
 * checks that the directories still balance and still catch a double release. Prints one line
 * per scenario, {@code heap ok ...} / {@code stack ok ...}, or what broke.
 */
public final class ExhaustionMain {
    private static final int REFS = 200;
    private static final int LEVELS = 40;

    private ExhaustionMain() {
    }

    /**
     * Runs both scenarios.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        heap();
        stack();
        System.out.println("housekeeper failures=" + RefTracking.runtime().housekeeperFailures());
    }

    private static void heap() {
        RefTrackerDir dir = RefTrackerDir.builder("heap").mode(RefTracking.Mode.FULL).quarantine(4).build();
        RefTracker[] taken = new RefTracker[REFS];
        boolean[] released = new boolean[REFS];
        int thrown = 0;
        List<long[]> ballast = new ArrayList<>();
        try {
            while (true) {
                ballast.add(new long[64 * 1024]);
            }
        } catch (OutOfMemoryError full) {
            // the heap is now (nearly) full; keep it that way while using the directory
        }
        try {
            while (true) {
                ballast.add(new long[16]);
            }
        } catch (OutOfMemoryError full) {
            // every crumb taken
        }
        for (int i = 0; i < REFS; i++) {
            if (i % 4 == 0 && !ballast.isEmpty()) {
                ballast.remove(ballast.size() - 1); // a few hundred bytes: some allocations fit, some do not
            }
            try {
                taken[i] = dir.alloc();
            } catch (OutOfMemoryError e) {
                thrown++;
            }
        }
        for (int i = 0; i < REFS; i += 2) {
            try {
                if (taken[i] != null) {
                    released[i] = dir.free(taken[i]);
                }
            } catch (OutOfMemoryError e) {
                thrown++;
            }
        }
        try {
            dir.report(16);
        } catch (OutOfMemoryError e) {
            thrown++;
        }
        ballast.clear();
        int held = 0;
        for (int i = 0; i < REFS; i++) {
            if (taken[i] != null && !released[i]) {
                held++;
            }
        }
        String balance = dir.liveCount() == held ? "balanced" : "UNBALANCED live=" + dir.liveCount() + " held=" + held;
        int freedAfter = 0;
        for (int i = 0; i < REFS; i++) {
            if (taken[i] != null && !released[i] && dir.free(taken[i])) {
                freedAfter++;
            }
        }
        boolean doubleCaught = taken[1] == null || !dir.free(taken[1]);
        LeakReport end = dir.report(16);
        dir.close();
        System.out.println((balance.equals("balanced") && freedAfter == held && doubleCaught && end.isEmpty()
                ? "heap ok " : "heap BROKEN ") + balance + " freedAfter=" + freedAfter + " held=" + held
                + " doubleCaught=" + doubleCaught + " thrownOom=" + thrown);
    }

    private static int stackBroken;
    private static int stackPairs;
    private static final RefTracker[] PENDING = new RefTracker[10_000];
    private static int pendingCount;

    private static void stack() {
        RefTrackerDir dir = RefTrackerDir.builder("stack").mode(RefTracking.Mode.FULL).quarantine(4).build();
        for (int round = 0; round < 5; round++) {
            descend(dir, 0);
        }
        for (int i = 0; i < pendingCount; i++) {
            if (!dir.free(PENDING[i])) {
                stackBroken++;
            }
        }
        RefTracker t = dir.alloc();
        dir.free(t);
        boolean doubleCaught = !dir.free(t);
        int live = dir.liveCount();
        dir.close();
        System.out.println((stackBroken == 0 && live == 0 && doubleCaught ? "stack ok " : "stack BROKEN ")
                + "pairs=" + stackPairs + " retried=" + pendingCount + " broken=" + stackBroken + " live=" + live
                + " doubleCaught=" + doubleCaught);
    }

    /**
     * Recurses until the stack overflows, then, on the way back up, tries a pair at each of the
     * {@value #LEVELS} frames nearest the overflow: every amount of headroom from none to some.
     *
     * @return how many frames above the overflow this frame is
     */
    private static int descend(RefTrackerDir dir, int depth) {
        int above;
        try {
            above = descend(dir, depth + 1) + 1;
        } catch (StackOverflowError bottom) {
            above = 0;
        }
        if (above < LEVELS) {
            tryPair(dir);
        }
        return above;
    }

    private static void tryPair(RefTrackerDir dir) {
        RefTracker t;
        try {
            t = dir.alloc();
        } catch (StackOverflowError again) {
            return; // the alloc ran out of stack: it must not have counted a reference
        }
        stackPairs++;
        try {
            if (!dir.free(t)) {
                stackBroken++;
            }
        } catch (StackOverflowError again) {
            PENDING[pendingCount++] = t; // released again below, where there is stack
        }
    }
}
