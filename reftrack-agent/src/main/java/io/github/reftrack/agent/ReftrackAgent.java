package io.github.reftrack.agent;

import io.github.reftrack.RefScope;
import io.github.reftrack.RefTracking;
import io.github.reftrack.RefTrackingSettings;
import io.github.reftrack.internal.Detached;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.bytebuddy.dynamic.loading.ClassInjector;

/**
 * The agent's entry points: {@code -javaagent:reftrack-agent.jar=PROFILES} ({@link #premain}) and
 * {@code reftrack attach <pid> PROFILES} ({@link #agentmain}).
 *
 * <pre>{@code
 * java -javaagent:reftrack-agent.jar=netty -Dreftrack.mode=full -jar app.jar
 * }</pre>
 *
 * <p>The agent builds a core runtime of its own from the {@code reftrack.*} properties: its mode
 * is the argument's {@code mode=}, else {@code reftrack.mode}, else {@code full}; its hidden frames
 * are {@code reftrack.hide} and its profiles' libraries. It changes no system property, so an
 * application's own use of reftrack keeps its default runtime. The agent's exit report runs unless
 * {@code -Dreftrack.reportAtExit=off}.
 */
public final class ReftrackAgent {
    /** {@code default} (same method or its callers first, else the oldest), {@code oldest} or {@code newest}. */
    public static final String PAIRING_PROPERTY = "reftrack.pairing";
    /** {@code on} (default with the agent) or {@code off}: report leaks and outstanding references at exit. */
    public static final String REPORT_AT_EXIT_PROPERTY = RefTracking.REPORT_AT_EXIT_PROPERTY;
    /**
     * Seconds between two log lines about one leak stack (default {@value #DEFAULT_LOG_INTERVAL}):
     * the first object leaking on a stack is logged in full, later ones in at most one summary
     * line per interval with the running count (every object still reaches JFR, the JSON event
     * log and the listeners).
     */
    public static final String LOG_INTERVAL_PROPERTY = "reftrack.agent.logInterval";
    /**
     * A duration such as {@code 30s}, {@code 500ms} or {@code 2m}: a reference held longer is
     * reported once per object lifetime as a {@code longHeld} event, while the process runs. Off by
     * default; the agent's {@code holdThreshold=} option overrides it, a spec's
     * {@code holdThreshold=} field sets it for that spec.
     */
    public static final String HOLD_THRESHOLD_PROPERTY = "reftrack.holdThreshold";
    /** The default of {@value #LOG_INTERVAL_PROPERTY}, in seconds. */
    public static final int DEFAULT_LOG_INTERVAL = 10;
    static final String MODE_PROPERTY = RefTracking.MODE_PROPERTY;
    /** The mode the agent runs in, once {@link #start} decided it; read by {@link Hooks#ON}. */
    private static volatile String chosenMode;

    private ReftrackAgent() {
    }

    /**
     * Installs the agent at JVM start; classes are transformed as they load and tracked objects
     * keep their lifetime in an added field.
     *
     * @param args            the profiles, e.g. {@code netty,lucene}
     * @param instrumentation the JVM's instrumentation
     */
    public static void premain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, false);
    }

    /**
     * Installs the agent into a running JVM; loaded classes are retransformed and tracked objects
     * keep their lifetime in a weak identity side table.
     *
     * @param args            the profiles, optionally with {@code mode=full|sample}
     * @param instrumentation the JVM's instrumentation
     */
    public static void agentmain(String args, Instrumentation instrumentation) {
        start(args, instrumentation, true);
    }

    static boolean trackingOn() {
        String mode = chosenMode;
        return !"off".equals(mode != null ? mode
                : System.getProperty(MODE_PROPERTY, "full").trim().toLowerCase(Locale.ROOT));
    }

    private static synchronized void start(String args, Instrumentation instrumentation, boolean attached) {
        StartReport report = new StartReport();
        String loaded = AttachProtocol.loaded();
        if (loaded != null) {
            report.refuse(loaded);
            return;
        }
        avoidUnsafe();
        Consumer<String> problems = report::warn;
        ProfileParser parsed = new ProfileParser(problems).parse(args);
        String mode = mode(parsed.mode(), problems);
        chosenMode = mode;
        List<Profile> profiles = Validation.keepValid(parsed.profiles(), problems);
        if (profiles.isEmpty()) {
            report.finish(false, "nothing is tracked: no profile could be used (see the warnings)");
            return;
        }
        String description = "profiles " + String.join(", ", labels(profiles)) + ", mode " + mode;
        String other = AttachProtocol.claim(description);
        if (other != null) {
            report.refuse(other);
            return;
        }
        if (!Hooks.ON) {
            report.finish(false, "nothing is tracked: reftrack.mode=off");
            return;
        }
        Pairing pairing = Pairing.parse(parsed.pairing() != null ? parsed.pairing()
                : System.getProperty(PAIRING_PROPERTY), problems);
        RefTracking.Mode coreMode = RefTracking.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        RefTrackingSettings given = settingsIfGiven(coreMode);
        Duration logInterval = Duration.ofSeconds(logInterval(problems));
        Map<Profile, Duration> holdThresholds = holdThresholds(parsed, profiles, problems);
        ProfileMatches matches = new ProfileMatches(profiles);
        // on unless the property (then read) says off: the core's default (off) is for programs without the agent
        boolean exitReport = System.getProperty(REPORT_AT_EXIT_PROPERTY) == null || given.reportAtExit();
        List<Profile> jdkProfiles = new ArrayList<>();
        List<Profile> loadTimeProfiles = new ArrayList<>();
        for (Profile profile : profiles) {
            (profile.rules().jdkTypes() ? jdkProfiles : loadTimeProfiles).add(profile);
        }
        LazyRuntime runtimes = new LazyRuntime(given != null ? () -> given
                : () -> RefTrackingSettings.fromSystemProperties(coreMode), profiles, pairing, attached,
                holdThresholds, logInterval, runtime -> {
                    matches.printUnmatched(System.err);
                    if (exitReport) {
                        ExitReport.print(runtime, System.err);
                    }
                });
        RefScope.manage(dirClasses(profiles));
        Hooks.install(runtimes);
        // what the start line or the JDK's classes need now, or a thread that runs from the start
        boolean eager = attached || !jdkProfiles.isEmpty() || !holdThresholds.isEmpty()
                || (given != null ? given : RefTrackingSettings.defaults()).capture() != RefTracking.Capture.JAVA;
        AgentRuntime runtime = eager ? runtimes.get() : null;
        if (runtime == null) {
            onExitIfUntracked(runtimes, matches, exitReport);
        }
        Instrumenter.install(instrumentation, loadTimeProfiles, attached, report, matches);
        JdkInstrumenter.install(instrumentation, jdkProfiles, runtime, report, matches);
        RefTracking.Capture capture = runtime == null ? RefTracking.Capture.JAVA : runtime.core.captureInUse();
        report.finish(true, "tracking " + String.join(", ", labels(profiles)) + " in " + mode + " mode with "
                + capture.name().toLowerCase(Locale.ROOT) + " stack capture, pairing "
                + pairing.description() + "; " + matches.counts(attached) + (attached ? "; attached: "
                + report.instrumented() + " loaded class(es) instrumented, references taken before now are unknown"
                : ""));
    }

    /**
     * The exit report of a JVM whose runtime was never built (nothing was ever tracked): the same
     * lines as {@link ExitReport} prints then, without building the core runtime to print them.
     */
    private static void onExitIfUntracked(LazyRuntime runtimes, ProfileMatches matches, boolean exitReport) {
        Runtime.getRuntime().addShutdownHook(Detached.thread("reftrack-agent-exit-report", () -> {
            if (runtimes.closeUnbuilt()) {
                matches.printUnmatched(System.err);
                if (exitReport) {
                    ExitReport.printNothingTracked(System.err);
                }
            }
        }));
    }

    private static List<String> dirClasses(List<Profile> profiles) {
        List<String> names = new ArrayList<>();
        for (Profile profile : profiles) {
            names.add(profile.dirClass());
        }
        return names;
    }

    /**
     * The core's settings read now when a property they parse is set, so that a bad value is
     * reported at start; else null, and they are read when the runtime is built (reading them
     * starts {@code java.util.logging}, as the core's logger is created with them).
     */
    private static RefTrackingSettings settingsIfGiven(RefTracking.Mode mode) {
        for (String property : List.of(RefTracking.SAMPLE_PROPERTY, RefTracking.DEPTH_PROPERTY,
                RefTracking.LOST_PROPERTY, RefTracking.ON_ERROR_PROPERTY, RefTracking.JMX_PROPERTY,
                RefTracking.REPORT_AT_EXIT_PROPERTY, RefTracking.CAPTURE_PROPERTY, RefTracking.CONTEXT_PROPERTY)) {
            if (System.getProperty(property) != null) {
                return RefTrackingSettings.fromSystemProperties(mode);
            }
        }
        return null;
    }

    /**
     * Each profile's hold threshold: its spec's {@code holdThreshold=} or its built-in profile's
     * {@code holdThreshold.NAME=}, else the argument's, else {@value #HOLD_THRESHOLD_PROPERTY}; a
     * bad value is reported once and leaves it without one.
     */
    private static Map<Profile, Duration> holdThresholds(ProfileParser parsed, List<Profile> profiles,
            Consumer<String> problems) {
        String given = parsed.holdThreshold() != null ? parsed.holdThreshold()
                : System.getProperty(HOLD_THRESHOLD_PROPERTY);
        Duration all = given == null ? null : HoldThreshold.parse(given, parsed.holdThreshold() != null
                ? "holdThreshold" : "-D" + HOLD_THRESHOLD_PROPERTY, problems);
        return HoldThreshold.perProfile(parsed, profiles, all, problems);
    }

    /** The argument's {@code mode=}, else {@code reftrack.mode}, else {@code full}. */
    private static String mode(String fromArgument, Consumer<String> problems) {
        String given = fromArgument != null ? fromArgument : System.getProperty(MODE_PROPERTY, "full");
        String mode = given.trim().toLowerCase(Locale.ROOT);
        if (!List.of("off", "sample", "full").contains(mode)) {
            problems.accept((fromArgument != null ? "mode=" : MODE_PROPERTY + "=") + given.trim()
                    + " is not a mode: use off, sample or full; using full");
            return "full";
        }
        return mode;
    }

    /** How the user named the profiles: {@code netty}, {@code lucene}, {@code class=FQN}. */
    private static Set<String> labels(List<Profile> profiles) {
        Set<String> labels = new LinkedHashSet<>();
        for (Profile profile : profiles) {
            labels.add(profile.label());
        }
        return labels;
    }

    /**
     * Keeps the relocated Byte Buddy off {@code sun.misc.Unsafe} (it injects no class here, so
     * nothing needs it), which on JDK 24+ would print "terminally deprecated" warnings. The
     * property's name is relocated with Byte Buddy, so an application's own Byte Buddy is unaffected.
     */
    private static void avoidUnsafe() {
        if (System.getProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY) == null) {
            System.setProperty(ClassInjector.UsingUnsafe.SAFE_PROPERTY, "true");
        }
    }

    private static int logInterval(Consumer<String> problems) {
        String value = System.getProperty(LOG_INTERVAL_PROPERTY, Integer.toString(DEFAULT_LOG_INTERVAL)).trim();
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.accept(LOG_INTERVAL_PROPERTY + "=" + value + " is not a whole number of seconds >= 0; using "
                + DEFAULT_LOG_INTERVAL);
        return DEFAULT_LOG_INTERVAL;
    }
}
