package io.github.reftrack.internal.engine;

import io.github.reftrack.CallStack;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.Misuse;

/**
 * One directory's references counted without a stack: those {@code sample} mode skipped or whose
 * capture failed (released through {@code free} with the shared {@link Tracker#UNTRACKED} token),
 * and those taken with {@code allocUntracked()} (the kernel's NULL tracker slot). Each is a
 * {@link BalanceCounter}: one atomic update per reference, on the first thread's base pair or
 * another thread's own stripe, never the directory's lock.
 *
 * <p>Releasing more than was taken cannot be pinned on a stack: the first time, an untracked
 * {@code free} reports a {@link DoubleRelease} with the second release's stack and a note saying
 * why the other two are missing, and {@code freeUntracked()} reports misuse; the counter then
 * stays saturated, and {@link #checkAtClose()} says so again. Thread-safe.
 */
final class Untracked {
    private final Ledger ledger;
    private final MisuseReporter misuse;
    private final int sampleInterval;
    /** Sampled out, or capture failed. */
    private final BalanceCounter stackless = new BalanceCounter();
    /** Taken with {@code allocUntracked()}. */
    private final BalanceCounter noTracker = new BalanceCounter();

    Untracked(Ledger ledger, MisuseReporter misuse, int sampleInterval) {
        this.ledger = ledger;
        this.misuse = misuse;
        this.sampleInterval = sampleInterval;
    }

    /** Counts a reference without a stack and returns the shared token for it. */
    Tracker alloc() {
        stackless.increment();
        try {
            // Read after counting: a close that missed this count has already set closed.
            if (ledger.isClosed()) {
                misuse.here(Misuse.Kind.ALLOC_AFTER_CLOSE, "alloc() after close(): take references only while the"
                        + " object is alive");
            }
        } catch (VirtualMachineError e) {
            // counted: the caller must get its token
        }
        return Tracker.UNTRACKED;
    }

    /**
     * Releases a reference counted without a stack. Releasing more of them than were taken is a
     * double release: reported (once per directory, as the count is saturated from then on) with
     * the stack of this release and why the other two are missing.
     */
    boolean free() {
        boolean balanced = stackless.decrement();
        try {
            if (ledger.isClosed()) {
                misuse.here(Misuse.Kind.FREE_AFTER_CLOSE, "free() of an untracked reference after close(): release"
                        + " references before the directory is closed");
            }
        } catch (VirtualMachineError e) {
            // released: the caller must learn so
        }
        if (!balanced && misuse.due(Misuse.Kind.UNTRACKED_UNDERFLOW)) {
            Engine engine = ledger.engine();
            String why = sampleInterval > 1 ? "sampled out: one reference in " + sampleInterval + " gets a stack"
                    : "its stack could not be captured";
            engine.events().doubleRelease(new DoubleRelease(ledger.className(), ledger.name(), null, CallStack.EMPTY,
                    CallStack.EMPTY, engine.callStack(engine.capture().capture()), false, "released more often than"
                    + " taken among references counted without a stack (" + why + "), so where this one was taken"
                    + " and first released is not known; later such releases are not reported again"));
        }
        return balanced;
    }

    void allocNoTracker() {
        noTracker.increment();
        if (ledger.isClosed()) {
            misuse.here(Misuse.Kind.ALLOC_AFTER_CLOSE, "allocUntracked() after close(): take references only while"
                    + " the object is alive");
        }
    }

    void freeNoTracker() {
        boolean balanced = noTracker.decrement();
        if (ledger.isClosed()) {
            misuse.here(Misuse.Kind.FREE_AFTER_CLOSE, "freeUntracked() after close(): release references before the"
                    + " directory is closed");
        }
        if (!balanced) {
            misuse.here(Misuse.Kind.UNTRACKED_UNDERFLOW, "freeUntracked() without a matching untracked alloc"
                    + " (refcount_t: decrement hit 0; leaking memory): the count is saturated from now on");
        }
    }

    /** References counted without a stack, not yet released; negative once released more often. */
    int stackless() {
        return stackless.get();
    }

    /** References taken with {@code allocUntracked()}, not yet released; negative likewise. */
    int noTracker() {
        return noTracker.get();
    }

    /** How many references both counters hold; a saturated counter holds none. */
    int outstanding() {
        return stackless.outstanding() + noTracker.outstanding();
    }

    /** At close: an imbalance of either counter is misuse (a surplus of stackless ones is a leak, reported). */
    void checkAtClose() {
        int stacklessCount = stackless();
        if (stacklessCount < 0) {
            checkBalanced(stacklessCount, "references counted without a stack (sampled out, or their capture failed)");
        }
        checkBalanced(noTracker(), "references taken with allocUntracked()");
    }

    private void checkBalanced(int value, String what) {
        if (value != 0) {
            misuse.at(Misuse.Kind.UNTRACKED_IMBALANCE, "closed with " + (value < 0
                    ? "an unbalanced count (more released than taken) of " : value + " ") + what
                    + " still outstanding", null);
        }
    }
}
