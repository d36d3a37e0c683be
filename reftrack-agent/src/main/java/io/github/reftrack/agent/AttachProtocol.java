package io.github.reftrack.agent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What one reftrack-agent tells the JVM it runs in, and the {@code reftrack attach} command reads
 * through the attach API's system properties: that an agent is loaded (so no second one
 * instruments the same classes), and how its start went. The command also checks an agent
 * argument here, with the agent's own parser, before it loads anything.
 *
 * <p>The marker is a system property, not a static field, because two copies of the agent (two
 * jars, or one jar in two class loaders) share nothing else. Thread-safe.
 */
public final class AttachProtocol {
    /**
     * Set by the first agent that tracks something, to {@code profiles netty, mode full}; an agent
     * that finds it set instruments nothing.
     */
    public static final String LOADED_PROPERTY = "reftrack.agent.loaded";
    /** How many times an agent has started in this JVM, whatever the outcome; a number. */
    public static final String STARTS_PROPERTY = "reftrack.agent.starts";
    /** The last start's outcome: a summary line, then one line per warning. */
    public static final String RESULT_PROPERTY = "reftrack.agent.result";
    /** Whether the last start tracks anything: {@code true} or {@code false}. */
    public static final String TRACKING_PROPERTY = "reftrack.agent.tracking";

    private static final List<String> MODES = List.of("off", "sample", "full");

    private AttachProtocol() {
    }

    /**
     * Checks an agent argument as the agent would, without starting anything: profile names,
     * spec syntax, {@code @file}s (read here), {@code mode=}, {@code pairing=} and hold thresholds.
     * Whether a spec's
     * class exists is only known in the target JVM.
     *
     * @param options the agent argument, e.g. {@code netty,mode=full}
     * @return the agent's messages about what is wrong, empty if nothing is
     */
    public static List<String> check(String options) {
        List<String> problems = new ArrayList<>();
        ProfileParser parsed = new ProfileParser(problems::add).parse(options);
        if (parsed.mode() != null && !MODES.contains(parsed.mode().trim().toLowerCase(Locale.ROOT))) {
            problems.add("mode=" + parsed.mode() + " is not a mode: use off, sample or full");
        }
        if (parsed.pairing() != null) {
            Pairing.parse(parsed.pairing(), problems::add);
        }
        checkHoldThresholds(parsed, problems);
        if (parsed.profiles().isEmpty() && problems.isEmpty()) {
            problems.add("no profiles given: give " + LibraryProfiles.names()
                    + ", @file or class=FQN,acquire=m,release=m");
        }
        return problems;
    }

    private static void checkHoldThresholds(ProfileParser parsed, List<String> problems) {
        Duration all = parsed.holdThreshold() == null ? null
                : HoldThreshold.parse(parsed.holdThreshold(), "holdThreshold", problems::add);
        HoldThreshold.perProfile(parsed, parsed.profiles(), all, problems::add);
    }

    /**
     * Marks this JVM as tracked by this agent, unless another agent did first.
     *
     * @param description what this agent tracks, e.g. {@code profiles netty, mode full}
     * @return null if this agent is now the one, else the description of the one loaded before
     */
    static String claim(String description) {
        Object earlier = System.getProperties().putIfAbsent(LOADED_PROPERTY, description);
        return earlier == null ? null : earlier.toString();
    }

    /** The loaded agent's description, or null if none is loaded. */
    static String loaded() {
        return System.getProperty(LOADED_PROPERTY);
    }

    /** Records how this start went, for the command that loaded the agent. */
    static void publish(boolean tracking, String result) {
        Properties properties = System.getProperties();
        synchronized (properties) {
            properties.setProperty(RESULT_PROPERTY, result);
            properties.setProperty(TRACKING_PROPERTY, Boolean.toString(tracking));
            int starts = 0;
            try {
                starts = Integer.parseInt(properties.getProperty(STARTS_PROPERTY, "0"));
            } catch (NumberFormatException e) {
                // someone else's value: count from here
            }
            properties.setProperty(STARTS_PROPERTY, Integer.toString(starts + 1));
        }
    }
}
