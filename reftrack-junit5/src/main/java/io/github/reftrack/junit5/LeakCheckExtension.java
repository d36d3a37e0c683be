package io.github.reftrack.junit5;

import io.github.reftrack.RefScope;
import io.github.reftrack.RefTrackerDir;
import io.github.reftrack.RefTracking;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;

/**
 * Fails a test that leaves tracked references behind, releases one twice or loses one, with the
 * grouped stacks of the guilty references in the failure message ({@link ReferenceLeakError}).
 *
 * <p><b>What is checked.</b> Before the test (before the user's {@code @BeforeEach} methods) the
 * extension records the live count of every open directory in {@link RefTracking#registry()} and
 * starts listening for events. After the test and the user's {@code @AfterEach} methods (JUnit
 * runs an extension's {@code afterEach} after them), it fails the test if a directory holds more
 * live references than before (a new directory counts from 0), if a directory was closed with
 * live references, or if a reference was released twice or lost. Before failing it waits up to a
 * grace period for the counts to come back, so references released asynchronously are not
 * reported. A test that already failed keeps its failure; the leak is added to it as suppressed.
 *
 * <p><b>Registering.</b> Use {@link LeakChecked @LeakChecked} for the defaults; a field for other
 * settings; or let JUnit load it for every test of the run by setting
 * {@code junit.jupiter.extensions.autodetection.enabled=true} (the jar declares the extension in
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension}).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final LeakCheckExtension LEAKS = LeakCheckExtension.builder()
 *         .gracePeriod(Duration.ofSeconds(2))
 *         .perClass()
 *         .build();
 * }</pre>
 *
 * <p><b>With the reftrack agent</b> ({@code -javaagent:reftrack-agent.jar}, as
 * {@code reftrack-maven-plugin}'s {@code prepare-agent} sets it up), the objects the agent tracks
 * (Netty buffers, ...) are checked without waiting for the GC: each one born on the test's
 * thread while the test runs (from before its {@code @BeforeEach} methods to after its
 * {@code @AfterEach} methods) belongs to the test, and if it still holds references when the
 * test ends, reachable or not, the test fails with the stacks that took them, grouped by stack
 * (one report per set of stacks, named {@code <class> born in <test>}, first frame the user's
 * line). Objects born on other threads (event loops, executors) belong to the test class and are
 * checked after its {@code @AfterAll} methods; while unrelated classes run in parallel, nobody
 * can tell which one such an object belongs to, and it is left to the agent's GC-based report.
 * Objects meant to outlive a test are allowed by site or tracked class
 * ({@link LeakChecked#allowSites()}, {@link Builder#allowSites}), or checked per class
 * ({@link LeakChecked#perClass()}). A leak whose fingerprint is in the baseline file named by
 * {@value io.github.reftrack.RefScope#BASELINE_PROPERTY} ({@code prepare-agent} sets it to the
 * plugin's {@code reftrack-baseline.json}) fails no test. The bridge is the core's
 * {@link io.github.reftrack.RefScope}; without the agent nothing changes.
 *
 * <p><b>Context tags.</b> While a test runs (from its {@code beforeEach} to its {@code afterEach}),
 * its name, e.g. {@code CacheTest.evicts()}, is bound to its thread as the context tag of the
 * references taken there ({@link io.github.reftrack.RefContext}), and the class's simple name from
 * {@code beforeAll} to {@code afterAll}: reports say {@code taken during: CacheTest.evicts() (2)}.
 *
 * <p>If several registrations apply to one test, the outermost check wins: a class-level check
 * covers the methods of the class and of its {@code @Nested} classes.
 *
 * <p><b>Tracking mode.</b> If {@link RefTracking#mode()} is {@code OFF}, the extension switches it
 * to {@link Builder#mode(RefTracking.Mode) its mode} ({@code FULL} by default) for the class, or
 * for the test method when registered on a method only, and switches it back afterwards.
 *
 * <p><b>Parallel execution.</b> Directories, the mode and the listeners are process-wide, so a
 * check also sees what tests running at the same time do. Run checked tests one at a time: the
 * annotation holds the resource lock {@value LeakChecked#RESOURCE_LOCK}; with a field
 * registration, add {@code @ResourceLock(LeakChecked.RESOURCE_LOCK)} or
 * {@code @Execution(ExecutionMode.SAME_THREAD)} yourself.
 *
 * <p>Thread-safe: the per-test state lives in JUnit's extension context store.
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, TestInstancePreConstructCallback {

    /** The default time a check waits for asynchronous releases: 300 ms. */
    public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMillis(300);
    /** The default number of stack groups shown per directory: core's {@link RefTrackerDir#DEFAULT_DISPLAY_LIMIT}. */
    public static final int DEFAULT_DISPLAY_LIMIT = RefTrackerDir.DEFAULT_DISPLAY_LIMIT;

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            LeakCheckExtension.class);
    private static final String CHECK = "check";
    private static final String SWITCH = "tracking";

    private final Duration gracePeriod;
    private final boolean perClass;
    private final RefTracking.Mode mode;
    private final int displayLimit;
    private final Allowances allowances;

    /**
     * Creates the extension with the defaults; this is what {@code @LeakChecked} and
     * auto-detection instantiate.
     */
    public LeakCheckExtension() {
        this(builder());
    }

    private LeakCheckExtension(Builder builder) {
        this.gracePeriod = builder.gracePeriod;
        this.perClass = builder.perClass;
        this.mode = builder.mode;
        this.displayLimit = builder.displayLimit;
        this.allowances = new Allowances(builder.allowSites, builder.allowClasses);
    }

    /**
     * Starts configuring an extension for a {@code @RegisterExtension} field.
     *
     * @return a builder with the defaults: per method, 300 ms grace period, {@code FULL}, 16 groups
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Switches tracking on for the class and, in per-class mode, takes the baseline.
     *
     * @param context the class's context
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        ContextTag.bind(context, context.getTestClass().map(Class::getSimpleName).orElse(context.getDisplayName()));
        switchOn(context);
        ClassScope.open(context);
        if (perClass(context)) {
            begin(context, ClassScope.opened(context));
        }
    }

    /**
     * With {@code @TestInstance(Lifecycle.PER_CLASS)}, where the instance exists before
     * {@code beforeAll}, switches tracking on before the instance is created, so that directories
     * created in field initializers and constructors are tracked. (Per-method instances are
     * created after {@code beforeAll} already did.)
     *
     * @param factoryContext the class being instantiated
     * @param context        the context the instance is created for
     */
    @Override
    public void preConstructTestInstance(TestInstanceFactoryContext factoryContext, ExtensionContext context) {
        // In JUnit 5.11 a per-method instance is built with the class's context: switching there
        // would leave tracking on for the rest of the class when only one method is annotated.
        if (context.getTestInstanceLifecycle().orElse(null) == TestInstance.Lifecycle.PER_CLASS) {
            switchOn(context);
        }
    }

    /**
     * In per-method mode, takes the baseline for the test method.
     *
     * @param context the test method's context
     * @throws ExtensionConfigurationException in per-class mode, if the extension was registered
     *                                         too late to see the class start (an instance field)
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        ContextTag.bind(context, testName(context));
        switchOn(context);
        if (!perClass(context)) {
            begin(context, testScope(context));
        } else if (context.getStore(NAMESPACE).get(CHECK, LeakCheck.class) == null) {
            throw new ExtensionConfigurationException("LeakCheckExtension.perClass() checks from beforeAll to"
                    + " afterAll, but it was registered per test instance; declare the @RegisterExtension field"
                    + " static in " + context.getRequiredTestClass().getName());
        }
    }

    /**
     * In per-method mode, checks the test method after its {@code @AfterEach} methods ran.
     *
     * @param context the test method's context
     * @throws ReferenceLeakError if the test left references behind, released one twice or lost
     *                            one, and had not failed already
     */
    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (!perClass(context)) {
                finish(context);
            }
        } finally {
            ContextTag.unbind(context);
            switchOff(context);
        }
    }

    /**
     * In per-class mode, checks the class after its {@code @AfterAll} methods ran; puts the
     * previous tracking mode back.
     *
     * @param context the class's context
     * @throws ReferenceLeakError as {@link #afterEach}, for the class as a whole
     */
    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (perClass(context)) {
                finish(context);
            } else {
                finishClassScope(context);
            }
        } finally {
            ClassScope.close(context);
            ContextTag.unbind(context);
            switchOff(context);
        }
    }

    private void switchOn(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(SWITCH, TrackingSwitch.class) == null) {
            store.put(SWITCH, TrackingSwitch.turnOn(mode));
        }
    }

    private static void switchOff(ExtensionContext context) {
        TrackingSwitch trackingSwitch = context.getStore(NAMESPACE).remove(SWITCH, TrackingSwitch.class);
        if (trackingSwitch != null) {
            trackingSwitch.close();
        }
    }

    private boolean perClass(ExtensionContext context) {
        return perClass || Allowances.perClass(context);
    }

    /** A scope for the test, bound to its thread, when the agent claims objects in scopes. */
    private static RefScope testScope(ExtensionContext context) {
        if (!RefScope.active()) {
            return null;
        }
        return RefScope.open(context.getUniqueId(), testName(context), ClassScope.of(context), false);
    }

    private static String testName(ExtensionContext context) {
        return context.getTestClass().map(Class::getSimpleName).map(c -> c + ".").orElse("")
                + context.getDisplayName();
    }

    private void begin(ExtensionContext context, RefScope scope) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // An enclosing scope (or another registration of this scope) already checks these tests.
        if (store.get(CHECK, LeakCheck.class) == null) {
            store.put(CHECK, new LeakCheck(this, context.getUniqueId(), scope, allowances.with(context)));
        } else if (scope != null) {
            scope.close();
        }
    }

    /** In per-method mode, what objects born on other threads still hold when the class ends. */
    private void finishClassScope(ExtensionContext context) {
        RefScope scope = ClassScope.opened(context);
        if (scope == null) {
            return;
        }
        ScopeLeaks born = ScopeLeaks.await(scope, allowances.with(context), displayLimit, gracePeriod);
        if (born.isEmpty()) {
            return;
        }
        List<String> notes = born.problem() == null ? List.of() : List.of(born.problem());
        fail(context, new ReferenceLeakError(context.getDisplayName() + " [" + context.getUniqueId() + "]",
                gracePeriod, List.of(), born.reports(), notes, List.of(), List.of()));
    }

    private void finish(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        LeakCheck check = store.get(CHECK, LeakCheck.class);
        if (check == null || !check.isOwnedBy(this, context.getUniqueId())) {
            return;
        }
        store.remove(CHECK);
        String testName = context.getDisplayName() + " [" + context.getUniqueId() + "]";
        ReferenceLeakError error = check.finish(testName, gracePeriod, displayLimit);
        if (error != null) {
            fail(context, error);
        }
    }

    private static void fail(ExtensionContext context, ReferenceLeakError error) {
        // The test's own failure stays the one JUnit reports; the leak rides along with it.
        Throwable failure = context.getExecutionException().orElse(null);
        if (failure != null) {
            failure.addSuppressed(error);
            return;
        }
        throw error;
    }

    /**
     * Configures a {@link LeakCheckExtension}. Not thread-safe; {@link #build()} may be called
     * more than once.
     */
    public static final class Builder {
        private Duration gracePeriod = DEFAULT_GRACE_PERIOD;
        private boolean perClass;
        private RefTracking.Mode mode = RefTracking.Mode.FULL;
        private int displayLimit = DEFAULT_DISPLAY_LIMIT;
        private final List<String> allowSites = new ArrayList<>();
        private final List<String> allowClasses = new ArrayList<>();

        private Builder() {
        }

        /**
         * Allows references taken at these sites to outlive a test (with the reftrack agent): a
         * site is {@code com.acme.Pool#borrow} (a class and method anywhere in the stack) or a
         * prefix of {@code class.method} ({@code com.acme.cache.}, {@code com.acme.Pool}).
         *
         * @param sites the sites, added to those given before
         * @return this builder
         * @throws NullPointerException if a site is null
         */
        public Builder allowSites(String... sites) {
            allowSites.addAll(List.of(sites));
            return this;
        }

        /**
         * Allows objects of these tracked classes (directory classes, e.g. {@code netty_bytebuf})
         * to outlive a test (with the reftrack agent).
         *
         * @param classes the directory classes, added to those given before
         * @return this builder
         * @throws NullPointerException if a class is null
         */
        public Builder allowClasses(String... classes) {
            allowClasses.addAll(List.of(classes));
            return this;
        }

        /**
         * Sets how long a check waits for live counts to come back to the baseline before it
         * fails the test. The wait ends as soon as they do, so a clean test pays nothing.
         *
         * @param gracePeriod 0 or more; 0 checks once, without waiting
         * @return this builder
         * @throws NullPointerException     if {@code gracePeriod} is null
         * @throws IllegalArgumentException if {@code gracePeriod} is negative
         */
        public Builder gracePeriod(Duration gracePeriod) {
            Objects.requireNonNull(gracePeriod, "gracePeriod");
            if (gracePeriod.isNegative()) {
                throw new IllegalArgumentException("gracePeriod must be >= 0 (0 checks once, without waiting), was "
                        + gracePeriod);
            }
            this.gracePeriod = gracePeriod;
            return this;
        }

        /**
         * Checks the class as a whole: baseline before its {@code @BeforeAll} methods, check
         * after its {@code @AfterAll} methods. For tests that legitimately hold references from
         * one method to the next. Needs a {@code static} field.
         *
         * @return this builder
         */
        public Builder perClass() {
            this.perClass = true;
            return this;
        }

        /**
         * Checks every test method on its own (the default).
         *
         * @return this builder
         */
        public Builder perMethod() {
            this.perClass = false;
            return this;
        }

        /**
         * Sets the mode tracking is switched to while checked tests run, if it is off. A mode
         * already on (from {@value RefTracking#MODE_PROPERTY} or {@link RefTracking#setMode}) is
         * kept.
         *
         * @param mode {@code FULL} (the default) or {@code SAMPLE}
         * @return this builder
         * @throws NullPointerException     if {@code mode} is null
         * @throws IllegalArgumentException if {@code mode} is {@code OFF}, which would check nothing
         */
        public Builder mode(RefTracking.Mode mode) {
            Objects.requireNonNull(mode, "mode");
            if (mode == RefTracking.Mode.OFF) {
                throw new IllegalArgumentException("mode is what tracking is switched to while a checked test runs;"
                        + " OFF would check nothing: use FULL or SAMPLE");
            }
            this.mode = mode;
            return this;
        }

        /**
         * Sets how many stack groups a failure shows per directory; the others are counted.
         *
         * @param displayLimit 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code displayLimit} is less than 1
         */
        public Builder displayLimit(int displayLimit) {
            if (displayLimit < 1) {
                throw new IllegalArgumentException("displayLimit must be >= 1 (groups shown per directory), was "
                        + displayLimit);
            }
            this.displayLimit = displayLimit;
            return this;
        }

        /**
         * Creates the extension.
         *
         * @return a new extension with this configuration
         */
        public LeakCheckExtension build() {
            return new LeakCheckExtension(this);
        }
    }
}
