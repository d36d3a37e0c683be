package io.github.reftrack.internal.capture;

import io.github.reftrack.CallStack;
import io.github.reftrack.FrameFilter;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

/**
 * Interns decoded stacks: equal shown-frame sequences map to one {@link Stack} with one handle,
 * so a million references taken on a hundred call paths keep a hundred stacks. The kernel's stack
 * depot, which it is named after, never frees entries either: the number of distinct call paths
 * that take references is bounded by the program.
 *
 * <p>Decoding costs several microseconds, so it happens lazily: for references that live long
 * enough to be promoted, or that get reported. A raw capture with a cheap key
 * ({@link RawFrames}) is looked up before decoding, so each distinct raw stack is decoded once.
 * A {@code Throwable}'s backtrace has no public key, so each must be decoded before it can be
 * recognised; {@link #intern(StackRef[], Stack[], int, int)} shares a batch of them out over the
 * processors. One depot per runtime. Not API: this package is not exported. Thread-safe.
 */
public final class StackDepot {
    /**
     * Captures without a key in one batch from which decoding is shared out over the processors:
     * at several microseconds each, 64 of them are worth the hand-off to the common pool.
     */
    static final int PARALLEL_DECODE = 64;
    private static final boolean MANY_PROCESSORS = Runtime.getRuntime().availableProcessors() > 1;

    private final ConcurrentHashMap<List<StackTraceElement>, Stack> stacks = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RawFrames, Stack> byRawFrames = new ConcurrentHashMap<>();
    private final AtomicInteger nextHandle = new AtomicInteger();
    private final CaptureSource source;
    private final FrameFilter filter;
    private final int depth;
    private final BooleanSupplier storeFails;

    /**
     * Creates a depot.
     *
     * @param source     decodes the raw captures this depot is given
     * @param filter     which frames are hidden
     * @param depth      how many shown frames a stack keeps
     * @param storeFails asked before storing a new stack; {@code true} makes that call return
     *                   {@link Stack#EMPTY}, as the kernel's depot does when it cannot allocate
     *                   (tests inject failures through it)
     */
    public StackDepot(CaptureSource source, FrameFilter filter, int depth, BooleanSupplier storeFails) {
        this.source = source;
        this.filter = filter;
        this.depth = depth;
        this.storeFails = storeFails;
    }

    /**
     * Returns the source whose captures this depot decodes.
     *
     * @return the capture source
     */
    public CaptureSource source() {
        return source;
    }

    /**
     * Returns the frame filter.
     *
     * @return the filter applied to every stack decoded from now on
     */
    public FrameFilter filter() {
        return filter;
    }

    /**
     * Returns the interned form of a tracker's stack: the stack itself if already interned,
     * else the decoded, filtered and interned capture.
     *
     * @param ref a raw capture or an interned stack, or {@code null} for a stack not taken
     * @return the interned stack; {@link Stack#EMPTY} for {@code null} or when storing fails
     */
    public Stack intern(StackRef ref) {
        if (ref == null) {
            return Stack.EMPTY;
        }
        if (ref instanceof Stack) {
            return (Stack) ref;
        }
        if (ref instanceof RawFrames) {
            Stack known = byRawFrames.get(ref);
            if (known != null) {
                return known;
            }
            Stack stack = intern(filter.shown(source.decode((RawCapture) ref), depth));
            if (stack != Stack.EMPTY) {
                byRawFrames.putIfAbsent((RawFrames) ref, stack);
            }
            return stack;
        }
        return intern(filter.shown(source.decode((RawCapture) ref), depth));
    }

    /**
     * Interns {@code refs[from..to)} into {@code out[from..to)}, as {@link #intern(StackRef)} does
     * one by one. When the batch holds at least {@value #PARALLEL_DECODE} captures that have to be
     * decoded before they can be recognised ({@code Throwable}s), and the machine has more than
     * one processor, they are decoded on a parallel stream (the common pool and the caller): the
     * first report over thousands of young trackers with the Java capture is bound by decoding.
     *
     * @param refs raw captures, interned stacks or {@code null}s
     * @param out  receives the interned stacks at the same indexes
     * @param from first index
     * @param to   index after the last
     */
    public void intern(StackRef[] refs, Stack[] out, int from, int to) {
        int withoutKey = 0;
        for (int i = from; i < to; i++) {
            if (refs[i] instanceof Capture) {
                withoutKey++;
            }
        }
        if (withoutKey >= PARALLEL_DECODE && MANY_PROCESSORS) {
            IntStream.range(from, to).parallel().forEach(i -> out[i] = intern(refs[i]));
        } else {
            for (int i = from; i < to; i++) {
                out[i] = intern(refs[i]);
            }
        }
    }

    /**
     * Interns a list of shown frames.
     *
     * @param frames the frames, innermost first
     * @return the interned stack; {@link Stack#EMPTY} when storing fails
     */
    public Stack intern(List<StackTraceElement> frames) {
        return intern(frames, false);
    }

    /** Interns what the filter showed of a captured stack. */
    private Stack intern(CallStack shown) {
        return intern(shown.frames(), shown.allHidden());
    }

    private Stack intern(List<StackTraceElement> frames, boolean allHidden) {
        if (storeFails.getAsBoolean()) {
            return Stack.EMPTY;
        }
        List<StackTraceElement> key = List.copyOf(frames);
        Stack stack = stacks.get(key);
        if (stack != null) {
            return stack;
        }
        return stacks.computeIfAbsent(key, k -> new Stack(nextHandle.incrementAndGet(), k, allHidden));
    }

    /**
     * Returns how many distinct stacks are stored.
     *
     * @return the depot's size
     */
    public int size() {
        return stacks.size();
    }
}
