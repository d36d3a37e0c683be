package io.github.reftrack.internal.engine;

import io.github.reftrack.CallStack;
import io.github.reftrack.ContextSource;
import io.github.reftrack.FrameFilter;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.internal.Detached;
import io.github.reftrack.internal.capture.CaptureSource;
import io.github.reftrack.internal.capture.Stack;
import io.github.reftrack.internal.capture.StackDepot;
import io.github.reftrack.internal.capture.StackRef;
import io.github.reftrack.internal.context.Contexts;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * The engine of one runtime: what every directory of it shares (capture source, stack depot,
 * event bus, sampler, clock), its directories and its housekeeping thread. The public
 * {@code RefTrackingRuntime} builds one and hands out its directories; the engine never sees the
 * runtime, its sinks or its MXBean: it calls back once, when its first tracking directory is
 * registered, so the runtime can start what only trackers need.
 *
 * <p>Builds nothing and starts nothing at class load or construction; the housekeeping thread
 * starts with the first tracking directory. Thread-safe.
 */
public final class Engine {
    /** Sample mode's gaps in production: random, geometric with mean {@code interval - 1}. */
    public static final IntUnaryOperator RANDOM_GAPS = Sampler::randomGap;

    private final CaptureSource capture;
    private final StackDepot depot;
    private final Events events;
    private final Sampler sampler;
    private final LongSupplier ticker;
    private final Housekeeper housekeeper;
    private final Directories directories;
    private final Runnable onFirstDirectory;
    /** The runtime's context source, or {@code null} for none. */
    private final ContextSource contextSource;
    private final AtomicBoolean contextFailureLogged = new AtomicBoolean();
    /** Set once, under {@code this}; read without the lock on every registration. */
    private volatile boolean directorySeen;

    /**
     * Wires an engine.
     *
     * @param capture              the capture source every alloc and free calls
     * @param depot                where stacks are decoded and interned
     * @param events               the bus events go to
     * @param ticker               the nanosecond clock hold times are measured with
     * @param promotionPeriodNanos how long a young stack stays raw, at least
     * @param promotionAllowed     while {@code false}, queued promotions wait (a test's pause)
     * @param sampleGaps           how many references {@code sample} mode skips after a sample,
     *                             for an interval: {@link #RANDOM_GAPS}, or a test's fixed gaps
     * @param onFirstDirectory     run once, after the housekeeper starts, when the first
     *                             tracking directory is registered
     * @param contextSource        what tags references with their context, or {@code null}
     */
    public Engine(CaptureSource capture, StackDepot depot, Events events, LongSupplier ticker,
            long promotionPeriodNanos, BooleanSupplier promotionAllowed, IntUnaryOperator sampleGaps,
            Runnable onFirstDirectory, ContextSource contextSource) {
        this.sampler = new Sampler(sampleGaps);
        this.capture = capture;
        this.contextSource = contextSource;
        this.depot = depot;
        this.events = events;
        this.ticker = ticker;
        this.onFirstDirectory = onFirstDirectory;
        this.housekeeper = new Housekeeper(this, promotionPeriodNanos, promotionAllowed);
        this.directories = new Directories(this);
    }

    /**
     * Hides the engine's own classes from every stack: they take and release, they never hold.
     *
     * @param filter the depot's filter
     */
    public static void hideOwnFrames(FrameFilter filter) {
        for (Class<?> own : new Class<?>[] {Engine.class, TrackingRefTrackerDir.class, Ledger.class,
            Untracked.class, MisuseReporter.class, NoopRefTrackerDir.class, Events.class}) {
            filter.dropOwnClass(own.getName());
        }
    }

    /**
     * Creates and registers a tracking directory (a mode other than {@code OFF}).
     *
     * @param settings what the directory records
     * @return the directory
     */
    public TrackingRefTrackerDir newDirectory(DirectorySettings settings) {
        TrackingRefTrackerDir dir = new TrackingRefTrackerDir(new Ledger(this, settings));
        directories.register(dir);
        return dir;
    }

    /**
     * Returns the shared no-op directory.
     *
     * @return the directory that records nothing
     */
    public static RefTrackerDir disabled() {
        return NoopRefTrackerDir.INSTANCE;
    }

    /**
     * Returns the capture source.
     *
     * @return the source every alloc and free calls
     */
    public CaptureSource capture() {
        return capture;
    }

    /**
     * Returns the stack depot.
     *
     * @return the depot
     */
    public StackDepot depot() {
        return depot;
    }

    /**
     * Returns the event bus.
     *
     * @return the bus
     */
    public Events events() {
        return events;
    }

    /**
     * Returns the housekeeper.
     *
     * @return the runtime's background work
     */
    public Housekeeper housekeeper() {
        return housekeeper;
    }

    /**
     * Returns the open directories.
     *
     * @return the directory table
     */
    public Directories directories() {
        return directories;
    }

    /** Decodes and interns a stack for an event; an empty stack for {@code null} (not captured). */
    CallStack callStack(StackRef ref) {
        Stack stack = depot.intern(ref);
        return new CallStack(stack.frames(), stack.fingerprint(), stack.allHidden());
    }

    /** What a directory created now asks each tracked alloc for its tag, or {@code null}. */
    Contexts contextsForNewDirectory() {
        return Contexts.forNewDirectory(contextSource, contextFailureLogged);
    }

    Sampler sampler() {
        return sampler;
    }

    /**
     * Returns whether an object tracked as a whole is in sample mode's sample, one in
     * {@code interval} at random: a fresh draw from this thread's sampler when {@code remembered}
     * (the caller asks once per object), else the same answer on every call for the object.
     *
     * @param object     the object
     * @param interval   one object in this many is tracked; 1 or less for all
     * @param remembered whether the caller remembers the answer
     * @return whether to track the object
     */
    public boolean sampleObject(Object object, int interval, boolean remembered) {
        return remembered ? sampler.sampleObject(interval) : Sampler.sampleStable(object, interval);
    }

    long nanoTime() {
        return ticker.getAsLong();
    }

    /** A tracking directory was registered: the first one starts what only trackers need. */
    void directoryRegistered() {
        if (directorySeen) {
            return;
        }
        synchronized (this) {
            if (directorySeen) {
                return;
            }
            directorySeen = true;
        }
        Detached.run(() -> {
            housekeeper.start();
            onFirstDirectory.run();
        });
    }

    @Override
    public String toString() {
        return "Engine[capture " + capture + "]";
    }
}
