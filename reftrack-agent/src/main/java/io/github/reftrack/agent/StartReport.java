package io.github.reftrack.agent;

import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * How one agent start went: the warnings it logged and how many classes it instrumented, logged
 * in the JVM and published for {@code reftrack attach} ({@link AttachProtocol}). Thread-safe.
 */
final class StartReport extends AgentBuilder.Listener.Adapter {
    private static final String LOGGER = "io.github.reftrack.agent";

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicInteger instrumented = new AtomicInteger();

    /** Logs a problem as one warning and keeps it for the result. */
    void warn(String problem) {
        System.getLogger(LOGGER).log(System.Logger.Level.WARNING, "reftrack-agent: " + problem);
        warnings.add(problem);
    }

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        instrumented.incrementAndGet();
    }

    /** A class was instrumented from the class cache. */
    void instrumentedOne() {
        instrumented.incrementAndGet();
    }

    /** How many classes were instrumented so far. */
    int instrumented() {
        return instrumented.get();
    }

    /** Logs the start line (when tracking) and publishes it with the warnings so far. */
    void finish(boolean tracking, String summary) {
        if (tracking) {
            info("reftrack-agent: " + summary);
        }
        StringBuilder result = new StringBuilder(summary);
        for (String warning : warnings) {
            result.append("\nwarning: ").append(warning);
        }
        AttachProtocol.publish(tracking, result.toString());
    }

    /**
     * Writes the start line to standard error, where {@code java.util.logging}'s default console
     * handler writes it, as one line like the exit report's; through the logger when the user
     * configured logging ({@code java.util.logging.config.file} or {@code .class}, or a
     * {@link System.LoggerFinder} of their own). Starting {@code java.util.logging} for this one
     * line (its formatter loads {@code java.time} and locale data) cost about 0.1 s of CPU per JVM.
     */
    private static void info(String line) {
        if (loggingConfigured()) {
            System.getLogger(LOGGER).log(System.Logger.Level.INFO, line);
        } else {
            System.err.println(line);
        }
    }

    static boolean loggingConfigured() {
        return System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null
                || ServiceLoader.load(System.LoggerFinder.class, ClassLoader.getSystemClassLoader()).iterator()
                        .hasNext();
    }

    /** Another agent is loaded: says so once and publishes the refusal. */
    void refuse(String loaded) {
        String line = "reftrack-agent is already loaded in this JVM (" + loaded + "); this second load is"
                + " ignored, nothing is instrumented twice";
        System.getLogger(LOGGER).log(System.Logger.Level.WARNING, line);
        AttachProtocol.publish(false, line);
    }
}
