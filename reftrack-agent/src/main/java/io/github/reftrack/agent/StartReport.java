package io.github.reftrack.agent;

import java.util.List;
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
    private static final System.Logger LOG = System.getLogger("io.github.reftrack.agent");

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicInteger instrumented = new AtomicInteger();

    /** Logs a problem as one warning and keeps it for the result. */
    void warn(String problem) {
        LOG.log(System.Logger.Level.WARNING, "reftrack-agent: " + problem);
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
            LOG.log(System.Logger.Level.INFO, "reftrack-agent: " + summary);
        }
        StringBuilder result = new StringBuilder(summary);
        for (String warning : warnings) {
            result.append("\nwarning: ").append(warning);
        }
        AttachProtocol.publish(tracking, result.toString());
    }

    /** Another agent is loaded: says so once and publishes the refusal. */
    void refuse(String loaded) {
        String line = "reftrack-agent is already loaded in this JVM (" + loaded + "); this second load is"
                + " ignored, nothing is instrumented twice";
        LOG.log(System.Logger.Level.WARNING, line);
        AttachProtocol.publish(false, line);
    }
}
