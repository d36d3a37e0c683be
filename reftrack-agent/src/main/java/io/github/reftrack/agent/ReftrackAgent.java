package io.github.reftrack.agent;

import io.github.reftrack.RefTracking;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

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
    static final String MODE_PROPERTY = RefTracking.MODE_PROPERTY;
    static final String HIDE_PROPERTY = RefTracking.HIDE_PROPERTY;
    static final String SAMPLE_PROPERTY = RefTracking.SAMPLE_PROPERTY;
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.agent");

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
        Consumer<String> problems = problem -> LOG.log(System.Logger.Level.WARNING, "reftrack-agent: " + problem);
        ProfileParser parsed = new ProfileParser(problems).parse(args);
        if (parsed.mode() != null) {
            System.setProperty(MODE_PROPERTY, parsed.mode().toLowerCase(Locale.ROOT));
        } else if (System.getProperty(MODE_PROPERTY) == null) {
            System.setProperty(MODE_PROPERTY, "full");
        }
        String mode = System.getProperty(MODE_PROPERTY).trim().toLowerCase(Locale.ROOT);
        if (!List.of("off", "sample", "full").contains(mode)) {
            problems.accept("reftrack.mode=" + mode + " is not a mode: use off, sample or full; using full");
            System.setProperty(MODE_PROPERTY, "full");
        }
        List<Profile> profiles = Validation.keepValid(parsed.profiles(), problems);
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
        if (!Hooks.ON || profiles.isEmpty()) {
            return;
        }
        Pairing pairing = Pairing.parse(parsed.pairing() != null ? parsed.pairing()
                : System.getProperty(PAIRING_PROPERTY), problems);
        int sample = "sample".equals(System.getProperty(MODE_PROPERTY)) ? sampleInterval(problems) : 1;
        AgentRuntime runtime = new AgentRuntime(profiles, pairing, sample, attached,
                new Sites(new ArrayList<>(hide)));
        Hooks.install(runtime);
        Thread reaper = new Thread(runtime::reapForever, "reftrack-agent-reaper");
        reaper.setDaemon(true);
        reaper.start();
        ProfileMatches matches = new ProfileMatches(profiles);
        boolean exitReport = !"off".equalsIgnoreCase(System.getProperty(REPORT_AT_EXIT_PROPERTY, "on").trim());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            matches.printUnmatched(System.err);
            if (exitReport) {
                ExitReport.print(runtime, System.err);
            }
        }, "reftrack-agent-exit-report"));
        Instrumenter.install(instrumentation, profiles, attached, problems, matches);
        LOG.log(System.Logger.Level.INFO, () -> "reftrack-agent: tracking " + profiles.size() + " profile(s) in "
                + System.getProperty(MODE_PROPERTY) + " mode" + (attached ? " (attached: references taken before now"
                + " are unknown)" : "") + ", pairing " + pairing.description());
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
}
