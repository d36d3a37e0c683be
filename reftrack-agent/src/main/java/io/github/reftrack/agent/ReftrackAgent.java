package io.github.reftrack.agent;

import io.github.reftrack.RefTracking;
import io.github.reftrack.internal.Detached;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
 * <p>Before any reftrack class is used, the agent sets {@code reftrack.mode} (default
 * {@code full} with the agent), extends {@code reftrack.hide} with its profiles' library
 * prefixes, and installs the exit report unless {@code -Dreftrack.reportAtExit=off}.
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
    /** The default of {@value #LOG_INTERVAL_PROPERTY}, in seconds. */
    public static final int DEFAULT_LOG_INTERVAL = 10;
    static final String MODE_PROPERTY = RefTracking.MODE_PROPERTY;
    static final String HIDE_PROPERTY = RefTracking.HIDE_PROPERTY;
    static final String SAMPLE_PROPERTY = RefTracking.SAMPLE_PROPERTY;

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
        return !"off".equalsIgnoreCase(System.getProperty(MODE_PROPERTY, "full").trim());
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
        String mode = setMode(parsed.mode(), problems);
        List<Profile> profiles = Validation.keepValid(parsed.profiles(), problems);
        List<String> hide = setHide(profiles);
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
        int sample = "sample".equals(mode) ? sampleInterval(problems) : 1;
        AgentRuntime runtime = new AgentRuntime(profiles, pairing, sample, attached, new Sites(hide),
                TimeUnit.SECONDS.toMillis(logInterval(problems)));
        Hooks.install(runtime);
        Thread reaper = Detached.thread("reftrack-agent-reaper", runtime::reapForever);
        reaper.setDaemon(true);
        reaper.start();
        ProfileMatches matches = new ProfileMatches(profiles);
        boolean exitReport = !"off".equalsIgnoreCase(System.getProperty(REPORT_AT_EXIT_PROPERTY, "on").trim());
        Runtime.getRuntime().addShutdownHook(Detached.thread("reftrack-agent-exit-report", () -> {
            matches.printUnmatched(System.err);
            if (exitReport) {
                ExitReport.print(runtime, System.err);
            }
        }));
        Instrumenter.install(instrumentation, profiles, attached, report, matches);
        report.finish(true, "tracking " + String.join(", ", labels(profiles)) + " in " + mode + " mode with "
                + RefTracking.runtime().captureInUse().name().toLowerCase(Locale.ROOT) + " stack capture, pairing "
                + pairing.description() + (attached ? "; attached: " + report.instrumented() + " loaded class(es)"
                + " instrumented, references taken before now are unknown" : ""));
    }

    /** Sets {@code reftrack.mode} from the argument, else keeps the user's, else {@code full}; returns it. */
    private static String setMode(String fromArgument, Consumer<String> problems) {
        if (fromArgument != null) {
            System.setProperty(MODE_PROPERTY, fromArgument.toLowerCase(Locale.ROOT));
        } else if (System.getProperty(MODE_PROPERTY) == null) {
            System.setProperty(MODE_PROPERTY, "full");
        }
        String mode = System.getProperty(MODE_PROPERTY).trim().toLowerCase(Locale.ROOT);
        if (!List.of("off", "sample", "full").contains(mode)) {
            problems.accept("reftrack.mode=" + mode + " is not a mode: use off, sample or full; using full");
            System.setProperty(MODE_PROPERTY, "full");
            return "full";
        }
        return mode;
    }

    /** Extends {@code reftrack.hide} with the agent's own package and the profiles' libraries; returns it. */
    private static List<String> setHide(List<Profile> profiles) {
        Set<String> hide = new LinkedHashSet<>();
        hide.add(ReftrackAgent.class.getPackageName() + '.');
        String userHide = System.getProperty(HIDE_PROPERTY);
        if (userHide != null) {
            for (String prefix : userHide.split(",")) {
                if (!prefix.isBlank()) {
                    hide.add(prefix.trim());
                }
            }
        }
        for (Profile profile : profiles) {
            hide.addAll(profile.hide());
        }
        System.setProperty(HIDE_PROPERTY, String.join(",", hide));
        return new ArrayList<>(hide);
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

    private static int sampleInterval(Consumer<String> problems) {
        String value = System.getProperty(SAMPLE_PROPERTY, "128").trim();
        try {
            int interval = Integer.parseInt(value);
            if (interval >= 1) {
                return interval;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.accept("reftrack.sample=" + value + " is not a whole number >= 1; using 128");
        return 128;
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
