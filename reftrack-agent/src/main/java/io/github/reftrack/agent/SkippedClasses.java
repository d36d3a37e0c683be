package io.github.reftrack.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.utility.JavaModule;

/**
 * Byte Buddy's listener: a class that cannot be instrumented is left as it is (Byte Buddy then
 * defines the original class file) and reported once, as one reftrack line naming the class and
 * the reason, never as a stack trace on the application's standard error. Thread-safe.
 */
final class SkippedClasses extends AgentBuilder.Listener.Adapter {
    private final Consumer<String> problems;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    SkippedClasses(Consumer<String> problems) {
        this.problems = problems;
    }

    @Override
    public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
            Throwable throwable) {
        if (reported.add(typeName)) {
            problems.accept("cannot instrument " + typeName + " (" + reason(throwable) + "); its references are not"
                    + " tracked");
        }
    }

    /** The throwable's message on one line, its causes' appended. */
    static String reason(Throwable throwable) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = throwable; t != null && text.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(": ");
            }
            String message = t.getMessage();
            text.append(message == null || message.isBlank() ? t.getClass().getName() : message);
        }
        return text.toString().replaceAll("\\s+", " ").strip();
    }
}
