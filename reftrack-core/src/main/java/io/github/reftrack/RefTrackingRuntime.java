package io.github.reftrack;

import io.github.reftrack.internal.capture.CaptureSource;
import io.github.reftrack.internal.capture.JavaCaptureSource;
import io.github.reftrack.internal.capture.NativeCaptureSource;
import io.github.reftrack.internal.capture.NativeStacks;
import io.github.reftrack.internal.capture.StackDepot;
import io.github.reftrack.internal.context.ContextSpec;
import io.github.reftrack.internal.engine.Engine;
import io.github.reftrack.internal.engine.Events;
import io.github.reftrack.internal.engine.FoundLeaks;
import io.github.reftrack.internal.engine.Housekeeper;
import io.github.reftrack.internal.engine.ObjectGroups;
import io.github.reftrack.jmx.Jmx;
import io.github.reftrack.jmx.RuntimeView;
import io.github.reftrack.sink.EventCounts;
import io.github.reftrack.sink.Jfr;
import io.github.reftrack.sink.JsonLogSink;
import io.github.reftrack.sink.LeakRecorder;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.IntUnaryOperator;
import java.util.function.LongSupplier;

/**
 * Everything reftrack needs at run time, wired in one place: the settings, the capture source,
 * the stack depot, the registry of open directories, the event bus with its sinks and listeners,
 * and the housekeeping thread. {@link RefTracking} is a facade over a default runtime created on
 * first use from the system properties; tests and agents can build runtimes of their own, which
 * see neither each other's directories nor each other's events.
 *
 * <p>Nothing happens when the class is loaded. Building a runtime starts no thread and registers
 * nothing; the housekeeping thread starts, the MXBean is registered and the JFR periodic event is
 * arranged when the runtime's first tracking directory is created (the last two only for a
 * runtime built with {@link Builder#builtInSinks(boolean) built-in sinks}, as the default one is).
 *
 * <pre>{@code
 * RefTrackingRuntime runtime = RefTrackingRuntime.builder()
 *         .settings(RefTrackingSettings.defaults().withMode(RefTracking.Mode.FULL))
 *         .hide("com.example.pool.internal.")
 *         .build();
 * RefTrackerDir dir = runtime.directory("connection").quarantine(16).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RefTrackingRuntime {
    /** How often long-lived trackers have their stacks interned. */
    private static final long PROMOTION_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How often the log gets a summary line of one stack's published leaks, by default. */
    private static final Duration DEFAULT_LEAK_LOG_INTERVAL = Duration.ofSeconds(10);

    private final RefTrackingSettings settings;
    private final CaptureSource capture;
    private final StackDepot depot;
    private final Events events;
    private final Engine engine;
    private final RefTrackerRegistry registry;
    private final boolean builtInSinks;
    private final EventCounts counts = new EventCounts();
    private final LeakRecorder leaks;
    private final ExitHook exitHook = new ExitHook();
    private final FoundLeaks found;
    private volatile RefTracking.Mode mode;
    private final ContextSource contextSource;

    private RefTrackingRuntime(Builder b) {
        this.settings = b.settings;
        this.mode = b.settings.mode();
        this.builtInSinks = b.builtInSinks;
        List<String> hide = new ArrayList<>(b.settings.hide());
        hide.addAll(b.hide);
        FrameFilter filter = FrameFilter.of(hide);
        hideOwnFrames(filter);
        this.capture = b.capture != null ? b.capture.apply(filter) : captureFor(b.settings, filter);
        this.depot = new StackDepot(capture, filter, b.settings.depth(), b.depotFails);
        this.events = new Events(b.settings.throwOnError());
        this.contextSource = b.contextSource != null ? b.contextSource : ContextSpec.parse(b.settings.context());
        this.engine = new Engine(capture, depot, events, b.ticker, b.promotionPeriodNanos, b.promotionAllowed,
                b.sampleGaps, this::firstDirectory, contextSource);
        this.leaks = new LeakRecorder(b.clock, b.leakHistoryCapacity);
        this.found = new FoundLeaks(b.ticker, b.leakLogInterval.toNanos());
        events.addSink(leaks);
        this.registry = new RefTrackerRegistry(engine.directories(), leaks::history);
        b.listeners.forEach(events::add);
    }

    private static void hideOwnFrames(FrameFilter filter) {
        filter.dropOwnClass("io.github.reftrack.internal.capture.Capture");
        filter.dropOwnClass("io.github.reftrack.internal.capture.JavaCaptureSource");
        filter.dropOwnClass("io.github.reftrack.internal.capture.NativeCaptureSource");
        filter.dropOwnClass("io.github.reftrack.internal.capture.NativeStacks");
        for (Class<?> own : new Class<?>[] {RefTrackerDir.class, TeardownWatchdog.class, RefTrackingRuntime.class}) {
            filter.dropOwnClass(own.getName());
        }
        Engine.hideOwnFrames(filter);
    }

    /**
     * The capture source the settings ask for: the native one (or, for {@code auto}, the one that
     * chooses per call) where it loads; else the Java one, saying once why when native capture
     * was asked for by name.
     */
    private static CaptureSource captureFor(RefTrackingSettings settings, FrameFilter filter) {
        if (settings.capture() == RefTracking.Capture.JAVA) {
            return JavaCaptureSource.INSTANCE;
        }
        NativeStacks stacks = NativeStacks.load();
        if (stacks.available()) {
            return settings.capture() == RefTracking.Capture.AUTO
                    ? NativeCaptureSource.automatic(stacks, settings.depth(), filter)
                    : new NativeCaptureSource(stacks, settings.depth(), filter);
        }
        if (settings.capture() == RefTracking.Capture.NATIVE) {
            System.getLogger("io.github.reftrack").log(System.Logger.Level.WARNING,
                    "-D{0}=native: the native stack capture cannot run here: {1}",
                    RefTracking.CAPTURE_PROPERTY, stacks.unavailableReason());
        }
        return JavaCaptureSource.INSTANCE;
    }

    /**
     * Starts building a runtime.
     *
     * @return a builder with {@link RefTrackingSettings#defaults()}, the stack capture they name,
     *         {@link System#nanoTime()} as the clock and no sinks
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the default runtime from the system properties, with the built-in sinks.
     *
     * @return a new runtime
     */
    static RefTrackingRuntime fromSystemProperties() {
        RefTrackingRuntime runtime = builder().settings(RefTrackingSettings.fromSystemProperties()).builtInSinks(true)
                .build();
        return runtime;
    }

    /**
     * Starts building a directory of this runtime.
     *
     * @param className what kind of object the directory tracks
     * @return a builder with quarantine 0 and this runtime's mode, sampling and lost-reference
     *         settings
     * @throws NullPointerException     if {@code className} is null
     * @throws IllegalArgumentException if {@code className} is blank
     */
    public RefTrackerDir.Builder directory(String className) {
        return new RefTrackerDir.Builder(this, className);
    }

    /**
     * Returns the settings this runtime was built with.
     *
     * @return the settings
     */
    public RefTrackingSettings settings() {
        return settings;
    }

    /**
     * Returns the stack capture this runtime uses: {@link RefTracking.Capture#NATIVE} or
     * {@link RefTracking.Capture#AUTO} (choosing per call) when the native backend loaded, else
     * {@link RefTracking.Capture#JAVA}.
     *
     * @return the capture in use
     */
    public RefTracking.Capture captureInUse() {
        if (capture instanceof NativeCaptureSource) {
            return ((NativeCaptureSource) capture).automatic() ? RefTracking.Capture.AUTO : RefTracking.Capture.NATIVE;
        }
        return RefTracking.Capture.JAVA;
    }

    /**
     * Returns where this runtime's references get their context tags.
     *
     * @return the source the builder or the settings' {@link RefTrackingSettings#context()} named,
     *         or {@code null} for none
     */
    public ContextSource contextSource() {
        return contextSource;
    }

    /**
     * Returns the mode new directories of this runtime get.
     *
     * @return the mode
     */
    public RefTracking.Mode mode() {
        return mode;
    }

    /**
     * Changes the mode for directories created from now on.
     *
     * @param newMode the new mode
     * @return the previous mode
     * @throws NullPointerException if {@code newMode} is null
     */
    public synchronized RefTracking.Mode setMode(RefTracking.Mode newMode) {
        RefTracking.Mode previous = mode;
        mode = Objects.requireNonNull(newMode, "mode");
        return previous;
    }

    /**
     * Adds a listener for this runtime's events; see {@link RefTracking#addListener}.
     *
     * @param listener the listener
     * @return a registration whose {@code close()} removes this addition (idempotent)
     * @throws NullPointerException if {@code listener} is null
     */
    public RefTracking.Registration addListener(RefTrackerListener listener) {
        return events.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Returns the registry of this runtime's open directories.
     *
     * @return the registry
     */
    public RefTrackerRegistry registry() {
        return registry;
    }

    /**
     * Hides the frames of these classes from stacks decoded from now on; see
     * {@link RefTracking#hideWrapperFrames}.
     *
     * @param wrappers classes whose methods only forward to {@code alloc}/{@code free}
     * @throws NullPointerException if {@code wrappers} or one of its elements is null
     */
    public void hideWrapperFrames(Class<?>... wrappers) {
        for (Class<?> wrapper : wrappers) {
            depot.filter().hideClass(Objects.requireNonNull(wrapper, "wrapper").getName());
        }
    }

    /**
     * Returns the frame filter this runtime's stacks go through, for code that shows stacks it
     * captured itself the way reftrack shows them (an agent's own sites).
     *
     * @return the filter: the settings' and builder's prefixes, reftrack's own frames, wrappers
     */
    public FrameFilter frameFilter() {
        return depot.filter();
    }

    /**
     * Returns how many passes of the housekeeping thread failed (for example with an
     * {@code OutOfMemoryError}) and were survived. The thread logs the first failure and carries
     * on; a growing count says something keeps failing.
     *
     * @return 0 while healthy
     */
    public long housekeeperFailures() {
        return engine.housekeeper().failures();
    }

    /**
     * Reports every open directory of this runtime that holds references, in one block, the
     * directories of each class together and grouped by stack
     * ({@link RefTrackerRegistry#reportsByClass}): what {@code -Dreftrack.reportAtExit=on} does
     * once at JVM shutdown. The block goes to standard error (at shutdown the logging system may
     * already be closed) and each report to the built-in sinks (the JSON log); listeners are not
     * called. The directories stay open.
     *
     * @return how many directories were reported
     */
    public int reportOpenDirectories() {
        List<LeakReport> reports = registry.reports(RefTrackerDir.DEFAULT_DISPLAY_LIMIT);
        int directories = reports.size();
        if (directories == 0) {
            return 0;
        }
        StringBuilder out = new StringBuilder(256).append("reftrack: references still held at JVM exit in ")
                .append(directories).append(directories == 1 ? " directory" : " directories")
                .append(" (-D").append(RefTracking.REPORT_AT_EXIT_PROPERTY).append("=on):\n");
        for (LeakReport report : ObjectGroups.byClass(reports, RefTrackerDir.DEFAULT_DISPLAY_LIMIT)) {
            out.append(report);
            events.atExit(report);
        }
        System.err.print(out);
        System.err.flush();
        return reports.size();
    }

    /**
     * Decides whether a tool that tracks objects as wholes (all of an object's references or none,
     * as the agent tracks a library's objects) tracks this one in {@code sample} mode: one object in
     * {@code interval}, chosen at random by the sampler this runtime's directories use, so a leak
     * that recurs on every N-th object cannot alias with the sample. Thread-safe; no shared counter.
     *
     * @param object     the object
     * @param interval   one object in this many is tracked; 1 (or less) tracks every object
     * @param remembered {@code true} if the caller asks once per object and remembers the answer
     *                   (a fresh random draw); {@code false} for the same answer on every call for
     *                   the object (drawn from its identity hash)
     * @return whether to track the object
     */
    public boolean sampleObject(Object object, int interval, boolean remembered) {
        return engine.sampleObject(object, interval, remembered);
    }

    /**
     * Publishes a leak found outside {@link RefTrackerDir#close()} one object at a time, by a tool
     * that watches objects itself (the agent reports each object the GC collected with references
     * live), to the JMX counts, JFR, the JSON event log and the listeners, every time: a consumer
     * counts leaked objects by counting these events (or summing their {@code objects}). The runtime
     * groups them by class and stacks ({@link #foundLeaks()}) and rate-limits the log: the first
     * object on a set of stacks is logged in full, later ones as at most one summary line per set of
     * stacks per {@linkplain Builder#leakLogInterval(Duration) interval}, with the running count.
     * An {@linkplain LeakReport#isExitSummary() exit summary} goes to the sinks and listeners only,
     * neither logged nor counted again. Unlike a leak at {@code close()}, it never throws, whatever
     * {@value RefTracking#ON_ERROR_PROPERTY} says: the finder is a background thread, where nobody
     * could catch it. Thread-safe.
     *
     * <pre>{@code
     * LeakReport counted = report.withGroups(group -> group.withCounts(1, new LeakReport.SiteBalance(20000, 19980)))
     *         .withPairing("oldest");
     * runtime.publish(counted);
     * }</pre>
     *
     * @param report the leak of one object, or an exit summary
     * @throws NullPointerException if {@code report} is null
     */
    public void publish(LeakReport report) {
        Objects.requireNonNull(report, "report");
        if (report.isExitSummary()) {
            events.found(report, false);
            return;
        }
        FoundLeaks.Logged logged = found.found(report);
        events.found(report, logged.inFull());
        if (logged.summary() != null) {
            Events.LOG.log(Level.ERROR, logged.summary());
        }
    }

    /**
     * Returns the totals of the leaks {@linkplain #publish(LeakReport) published} so far, one
     * report per class and set of stacks, named {@code <class> at exit}
     * ({@link LeakReport#isExitSummary()}): each group with the references leaked on its stack over
     * every object and {@code objects} the objects leaked on these stacks, the acquire-site balance
     * and pairing of the latest. A tool prints them and publishes them at exit.
     *
     * @return the totals, first found first; empty if nothing was published
     */
    public List<LeakReport> foundLeaks() {
        return found.totals();
    }

    /**
     * Publishes a reference held past a hold threshold, found by a tool that scans live references
     * itself (the agent), to the log, the JMX counts, JFR, the JSON event log and the listeners.
     * Never throws, whatever {@value RefTracking#ON_ERROR_PROPERTY} says. Thread-safe.
     *
     * @param event the reference
     * @throws NullPointerException if {@code event} is null
     */
    public void publish(LongHeld event) {
        events.longHeld(Objects.requireNonNull(event, "event"));
    }

    /**
     * Waits until the built-in sinks have written what they were given (the JSON event log writes
     * from a queue): call it before the JVM exits after publishing at shutdown.
     *
     * @param timeout how long to wait at most
     * @return {@code true} if everything was written in time
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean flushSinks(Duration timeout) throws InterruptedException {
        return events.flush(timeout.toMillis());
    }

    CaptureSource capture() {
        return capture;
    }

    StackDepot depot() {
        return depot;
    }

    Events events() {
        return events;
    }

    Housekeeper housekeeper() {
        return engine.housekeeper();
    }

    Engine engine() {
        return engine;
    }

    /**
     * The first tracking directory of this runtime exists (the engine has started its
     * housekeeper): start what only trackers need.
     */
    private void firstDirectory() {
        if (settings.reportAtExit()) {
            installExitReport();
        }
        if (builtInSinks) {
            startBuiltInSinks();
        }
    }

    private void installExitReport() {
        addExitReport(this::reportOpenDirectories);
    }

    /**
     * Runs {@code report} once at JVM exit, with this runtime's other exit reports (the
     * {@value RefTracking#REPORT_AT_EXIT_PROPERTY} report, an agent's totals): from a shutdown hook
     * or, when a JFR recording is dumped at exit, from JFR just before the recording's last chunk
     * is written, whichever comes first, so that the events the report publishes are in the
     * recording (shutdown hooks run side by side in no set order, and JFR's would otherwise close
     * the recording first). The reports run in the order added, on one thread; one that throws is
     * logged and the next runs.
     *
     * @param report what to run at exit; it may publish events and should end within seconds
     * @throws NullPointerException if {@code report} is null
     */
    public void addExitReport(Runnable report) {
        exitHook.add(Objects.requireNonNull(report, "report"));
    }

    /** The sinks every event goes to after the log: the JMX counts, JFR, the JSON event log. */
    private void installBuiltInSinks() {
        try {
            if (settings.jmx()) {
                events.addSink(counts);
            }
            Jfr.sink().ifPresent(events::addSink);
            if (settings.jsonLog() != null) {
                events.addSink(new JsonLogSink(settings.jsonLog()));
            }
        } catch (RuntimeException | LinkageError e) {
            Events.LOG.log(Level.WARNING, "reftrack could not install its built-in sinks", e);
        }
    }

    /**
     * Registers the MXBean {@value RefTracking#MBEAN_NAME} showing this runtime, and sets
     * {@value RefTracking#MBEAN_PROPERTY}, unless a runtime of this copy of reftrack already did.
     * The default runtime does this when its first tracking directory is created (unless
     * {@value RefTracking#JMX_PROPERTY}{@code =off}). Never throws: a failure is logged.
     *
     * @return {@code true} if the MXBean is registered (by this or an earlier call)
     */
    public boolean registerMBean() {
        return Jmx.register(new View());
    }

    private void startBuiltInSinks() {
        try {
            Jfr.addPeriodicEvent(registry::directories);
            if (settings.jmx()) {
                registerMBean();
            }
        } catch (RuntimeException | LinkageError e) {
            Events.LOG.log(Level.WARNING, "reftrack could not register its JFR periodic event or MXBean", e);
        }
    }

    @Override
    public String toString() {
        return "RefTrackingRuntime[" + mode + ", depth " + settings.depth() + ", capture " + capture + "]";
    }

    /** What the MXBean reads: this runtime's registry, counts and health. */
    private final class View implements RuntimeView {
        @Override
        public List<RefTrackerDir> directories() {
            return registry.directories();
        }

        @Override
        public List<LeakReport> reports(String className) {
            return registry.reports(className, RefTrackerDir.DEFAULT_DISPLAY_LIMIT);
        }

        @Override
        public List<LeakReport> reportsByClass(String className) {
            return registry.reportsByClass(className, RefTrackerDir.DEFAULT_DISPLAY_LIMIT);
        }

        @Override
        public LeakHistory leakHistory() {
            return registry.leakHistory();
        }

        @Override
        public String toJson(List<LeakReport> reports) {
            return EventJson.array(reports);
        }

        @Override
        public Map<String, Long> liveByClass() {
            return registry.liveByClass();
        }

        @Override
        public String oldest(int n) {
            StringBuilder out = new StringBuilder();
            for (HeldReference held : registry.oldest(n)) {
                out.append(held).append('\n');
            }
            return out.toString();
        }

        @Override
        public long liveReferences() {
            return registry.liveReferences();
        }

        @Override
        public String mode() {
            return mode.name();
        }

        @Override
        public long housekeeperFailures() {
            return engine.housekeeper().failures();
        }

        @Override
        public boolean housekeeperRunning() {
            return engine.housekeeper().isRunning();
        }

        @Override
        public EventCounts counts() {
            return counts;
        }
    }

    /**
     * Builds a runtime. Not thread-safe; {@link #build()} may be called more than once, each
     * call making an independent runtime.
     */
    public static final class Builder {
        private RefTrackingSettings settings = RefTrackingSettings.defaults();
        private final List<String> hide = new ArrayList<>();
        private final List<RefTrackerListener> listeners = new ArrayList<>();
        private LongSupplier ticker = System::nanoTime;
        private Clock clock = Clock.systemUTC();
        private int leakHistoryCapacity = LeakRecorder.DEFAULT_CAPACITY;
        private Duration leakLogInterval = DEFAULT_LEAK_LOG_INTERVAL;
        private boolean builtInSinks;
        /** {@code null}: chosen from the settings' {@link RefTrackingSettings#capture()}. */
        private Function<FrameFilter, CaptureSource> capture;
        private BooleanSupplier depotFails = () -> false;
        private BooleanSupplier promotionAllowed = () -> true;
        private long promotionPeriodNanos = PROMOTION_PERIOD_NANOS;
        private IntUnaryOperator sampleGaps = Engine.RANDOM_GAPS;
        private ContextSource contextSource;

        private Builder() {
        }

        /**
         * Sets the settings.
         *
         * @param newSettings the settings, e.g. {@link RefTrackingSettings#fromSystemProperties()}
         * @return this builder
         * @throws NullPointerException if {@code newSettings} is null
         */
        public Builder settings(RefTrackingSettings newSettings) {
            this.settings = Objects.requireNonNull(newSettings, "settings");
            return this;
        }

        /**
         * Hides frames of classes whose names start with these prefixes, in addition to the
         * settings' {@link RefTrackingSettings#hide()}.
         *
         * @param prefixes class-name prefixes, e.g. {@code "org.junit."}
         * @return this builder
         * @throws NullPointerException if a prefix is null
         */
        public Builder hide(String... prefixes) {
            for (String prefix : prefixes) {
                hide.add(Objects.requireNonNull(prefix, "prefix"));
            }
            return this;
        }

        /**
         * Sets the clock that hold times are measured with, in nanoseconds (a test's fake clock).
         *
         * @param nanoTime a monotonic nanosecond clock; {@link System#nanoTime()} by default
         * @return this builder
         * @throws NullPointerException if {@code nanoTime} is null
         */
        public Builder ticker(LongSupplier nanoTime) {
            this.ticker = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        /**
         * Sets the wall clock that the leak history's first and last seen are read from.
         *
         * @param wallClock the clock; {@link Clock#systemUTC()} by default
         * @return this builder
         * @throws NullPointerException if {@code wallClock} is null
         */
        public Builder clock(Clock wallClock) {
            this.clock = Objects.requireNonNull(wallClock, "wallClock");
            return this;
        }

        /**
         * Sets how many distinct leak stacks the {@linkplain RefTrackerRegistry#leakHistory() leak
         * history} keeps; leaks on further stacks are only counted.
         *
         * @param capacity the most distinct stacks kept; 256 by default
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is negative
         */
        public Builder leakHistoryCapacity(int capacity) {
            if (capacity < 0) {
                throw new IllegalArgumentException("leak history capacity must be >= 0, was " + capacity);
            }
            this.leakHistoryCapacity = capacity;
            return this;
        }

        /**
         * Sets how often the log gets a summary line of the leaks {@linkplain #publish(LeakReport)
         * published} on one set of stacks after the first (logged in full).
         *
         * @param interval the least time between two lines; {@link Duration#ZERO} for a line per
         *                 object; 10 seconds by default
         * @return this builder
         * @throws NullPointerException     if {@code interval} is null
         * @throws IllegalArgumentException if {@code interval} is negative
         */
        public Builder leakLogInterval(Duration interval) {
            if (Objects.requireNonNull(interval, "interval").isNegative()) {
                throw new IllegalArgumentException("leak log interval must be >= 0, was " + interval);
            }
            this.leakLogInterval = interval;
            return this;
        }

        /**
         * Adds a listener from the start.
         *
         * @param listener a listener for every event of the runtime
         * @return this builder
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder sink(RefTrackerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Installs the built-in sinks: JFR events, the JSON log of the settings, and (with
         * {@link RefTrackingSettings#jmx()}) the event counts and the MXBean, registered when
         * the first tracking directory is created. Only one runtime per process can own the
         * MXBean's name; the default runtime has the built-in sinks.
         *
         * @param install whether to install them; {@code false} by default
         * @return this builder
         */
        public Builder builtInSinks(boolean install) {
            this.builtInSinks = install;
            return this;
        }

        /**
         * Tags each tracked reference with its context from {@code source}, instead of what the
         * settings' {@link RefTrackingSettings#context()} names. Without either, references carry
         * no tag and taking one does no work for it.
         *
         * @param source where tags come from, or {@code null} for the settings' choice
         * @return this builder
         */
        public Builder contextSource(ContextSource source) {
            this.contextSource = source;
            return this;
        }

        /**
         * Sets the capture source, made for the runtime's frame filter (a native source counts
         * only shown frames towards the depth); tests wrap one here.
         */
        Builder captureSource(Function<FrameFilter, CaptureSource> source) {
            this.capture = Objects.requireNonNull(source, "source");
            return this;
        }

        /** Test collaborator: asked before each new stack is stored; {@code true} makes it fail. */
        Builder depotFails(BooleanSupplier fails) {
            this.depotFails = Objects.requireNonNull(fails, "fails");
            return this;
        }

        /** Test collaborator: while it answers {@code false}, queued promotions wait. */
        Builder promotionAllowed(BooleanSupplier allowed) {
            this.promotionAllowed = Objects.requireNonNull(allowed, "allowed");
            return this;
        }

        /**
         * Test collaborator: how many references sample mode skips after a sample, for an
         * interval ({@code interval - 1}: exactly every N-th, for exact counts); random by default.
         */
        Builder sampleGaps(IntUnaryOperator gaps) {
            this.sampleGaps = Objects.requireNonNull(gaps, "gaps");
            return this;
        }

        /**
         * Creates the runtime. Starts no thread and registers nothing.
         *
         * @return a new runtime
         */
        public RefTrackingRuntime build() {
            RefTrackingRuntime runtime = new RefTrackingRuntime(this);
            if (builtInSinks) {
                runtime.installBuiltInSinks();
            }
            return runtime;
        }

        @Override
        public String toString() {
            return "RefTrackingRuntime.Builder[" + settings + ", hide " + Arrays.toString(hide.toArray()) + "]";
        }
    }
}
