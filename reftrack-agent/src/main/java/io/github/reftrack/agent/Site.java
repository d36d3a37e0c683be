package io.github.reftrack.agent;

import java.util.concurrent.atomic.LongAdder;

/**
 * Where references are taken: the first frame of an acquire that is the user's (not hidden), with
 * the balance of that site over every object: how many references it took and how many releases
 * were paired with them. Thread-safe.
 */
final class Site {
    /** The site of every birth: not looked up (the report's stack names it), never matched by method. */
    static final Site BIRTH = new Site("", "<birth>", null);
    /** A name, not the class: sites outlive the class loaders of the code they name. */
    final String className;
    final String methodName;
    final StackTraceElement frame;
    final LongAdder taken = new LongAdder();
    final LongAdder released = new LongAdder();

    Site(String className, String methodName, StackTraceElement frame) {
        this.className = className;
        this.methodName = methodName;
        this.frame = frame;
    }

    boolean isIn(String cls, String method) {
        return methodName.equals(method) && className.equals(cls);
    }

    @Override
    public String toString() {
        if (frame != null) {
            return frame.toString();
        }
        return this == BIRTH ? "(birth)" : "(every frame hidden)";
    }
}
