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
 * (a JDK thread); it is the agent's when that first frame is reftrack's. The directories that
 * {@code Files.walk} opens one after another are the walk's, tracked as one resource with it. A channel that a stream
 * or a {@code RandomAccessFile} hands out ({@code getChannel()}) is closed with it and not tracked
 * on its own. Costs one stack walk of at most {@value #DEPTH} frames per tracked open, next to
 * the system call that opens the file; in {@code sample} mode an open sampled out costs none.
 * Thread-safe.
 */
final class JdkOpens {
    /** JDK code whose resources are its own: class loading, zip internals, security providers. */
    static final List<String> INTERNAL = List.of("jdk.internal.", "java.lang.ClassLoader", "java.lang.Module",
            "java.lang.invoke.", "java.util.zip.", "java.util.ResourceBundle", "java.security.", "sun.security.",
            "sun.net.www.protocol.jar.", "sun.misc.", "sun.util.", "jdk.jfr.", "sun.management.",
            // a walk's directories: the walk itself (its FileTreeIterator) is the user's resource
            "java.nio.file.FileTreeWalker");
    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    private static final String AGENT = "io.github.reftrack.agent.";
    private static final String REFTRACK = "io.github.reftrack.";
    private static final int DEPTH = 64;
    private static final StackWalker WALKER = StackWalker.getInstance();

    private final AgentRuntime runtime;

    JdkOpens(AgentRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * A constructor of the resource returned; a constructor that calls another returns twice, and
     * the first return (the innermost constructor's arguments) names it.
     */
    void opened(Object self, Object[] args) {
        Lifetime current = runtime.lookup(self);
        // the sampling draw before the stack walk and the name: a sampled-out open costs a counter
        if (current != null && !current.ended() || !runtime.drawBirth(self, current)
                || !byApplication(self.getClass())) {
            return;
        }
        runtime.bornDrawn(self, current, 1, ResourceNames.of(args));
    }

    /** The resource's {@code close()} starts. */
    void closed(Object self) {
        runtime.released(self, runtime.lookup(self), 1);
    }

    /** Whether the resource of that class being opened on this thread is the application's (see the class comment). */
    static boolean byApplication(Class<?> type) {
        return WALKER.walk(frames -> byApplication(type, frames.limit(DEPTH).map(Frame::new).iterator()));
    }

    /** The decision on the frames of the opening stack, innermost first. */
    static boolean byApplication(Class<?> type, Iterator<Frame> frames) {
        boolean above = true;
        boolean internal = false;
        while (frames.hasNext()) {
            Frame frame = frames.next();
            if (above && (frame.className.startsWith(AGENT) || ownClass(type, frame.className))) {
                continue; // the agent's frames and the resource's own constructors
            }
            if (above && frame.methodName.equals("getChannel")) {
                return false; // a stream's or a file's channel: closed with it
            }
            above = false;
            if (!startsWithAny(frame.className, JDK)) {
                return !internal && !frame.className.startsWith(REFTRACK);
            }
            internal |= startsWithAny(frame.className, INTERNAL);
        }
        return false;
    }

    private static boolean ownClass(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** A frame's class and method. */
    record Frame(String className, String methodName) {
        Frame(StackWalker.StackFrame frame) {
            this(frame.getClassName(), frame.getMethodName());
        }
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
