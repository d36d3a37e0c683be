package io.github.reftrack.agent;

import java.util.Iterator;
import java.util.List;

/**
 * The handlers the {@link io.github.reftrack.agent.boot.ResourceBridge} calls for the JDK's
 * closeable classes: a resource is born when it is opened, unless the JDK or the agent opened it
 * for itself, and released when it is closed (a repeated close is ignored).
 *
 * <p>The JDK opens files of its own, many held for the JVM's life: the jar files of the class
 * path (and the {@code RandomAccessFile} under each {@code ZipFile}), {@code /dev/urandom} for
 * {@code SecureRandom}, the run-time image. Those are never the application's leaks. A resource is
 * the JDK's when, walking from the opening frame down, a frame of the JDK's own machinery
 * ({@link #INTERNAL}) comes before the first frame outside the JDK, or no such frame comes at all
 * (a JDK thread); it is the agent's when that first frame is reftrack's. Costs one stack walk of
 * at most {@value #DEPTH} frames per open, next to the system call that opens the file. Thread-safe.
 */
final class JdkOpens {
    /** JDK code whose resources are its own: class loading, zip internals, security providers. */
    static final List<String> INTERNAL = List.of("jdk.internal.", "java.lang.ClassLoader", "java.lang.Module",
            "java.lang.invoke.", "java.util.zip.", "java.util.ResourceBundle", "java.security.", "sun.security.",
            "sun.net.www.protocol.jar.", "sun.misc.", "sun.util.");
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    private static final String AGENT = "io.github.reftrack.agent.";
    private static final String REFTRACK = "io.github.reftrack.";
    private static final int DEPTH = 64;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final AgentRuntime runtime;

    JdkOpens(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /** A constructor of the resource returned; a constructor that calls another returns twice. */
    void opened(Object self) {
        Lifetime current = runtime.lookup(self);
        if (current != null && !current.ended() || !byApplication()) {
            return;
        }
        runtime.born(self, current, 1);
    }

    /** The resource's {@code close()} starts. */
    void closed(Object self) {
        runtime.released(self, runtime.lookup(self), 1);
    }

    /** Whether the resource being opened on this thread is the application's (see the class comment). */
    static boolean byApplication() {
        return WALKER.walk(frames -> byApplication(frames.limit(DEPTH).map(StackWalker.StackFrame::getClassName)
                .iterator()));
    }

    /** The decision on the class names of the opening stack, innermost first. */
    static boolean byApplication(Iterator<String> classNames) {
        boolean inJdk = false;
        boolean internal = false;
        while (classNames.hasNext()) {
            String name = classNames.next();
            if (!inJdk && name.startsWith(AGENT)) {
                continue; // the agent's own frames above the JDK's opening frame
            }
            if (!startsWithAny(name, JDK)) {
                return !internal && !name.startsWith(REFTRACK);
            }
            inJdk = true;
            internal |= startsWithAny(name, INTERNAL);
        }
        return false;
    }

    private static boolean startsWithAny(String name, List<String> prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
