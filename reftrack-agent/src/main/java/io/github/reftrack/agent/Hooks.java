package io.github.reftrack.agent;

/**
 * What the inlined advice calls. Public because instrumented library classes call it; not API.
 *
 * <p>{@link #ON} is a {@code static final} read when this class is initialised: with
 * {@code -Dreftrack.mode=off} every advice is {@code if (Hooks.ON)} around nothing, which the
 * JIT folds away.
 */
public final class Hooks {
    /** Whether tracking is on; false under {@code -Dreftrack.mode=off}. */
    public static final boolean ON = ReftrackAgent.trackingOn();

    private static volatile AgentRuntime runtime;
    private static volatile LazyRuntime pending;
    private static final OutermostCalls CALLS = new OutermostCalls();

    private Hooks() {
    }

    static void install(LazyRuntime installed) {
        pending = installed;
    }

    /** The agent's runtime: built by the first hook that runs; null before the agent started. */
    private static AgentRuntime runtime() {
        AgentRuntime r = runtime;
        return r != null ? r : built();
    }

    private static AgentRuntime built() {
        LazyRuntime lazy = pending;
        AgentRuntime r = lazy == null ? null : lazy.get();
        if (r != null) {
            runtime = r;
        }
        return r;
    }

    /**
     * A lifetime starts: construction, or a reset on reuse.
     *
     * @param self    the object
     * @param current its lifetime until now, or null
     * @param refs    the references it starts with
     * @return its new lifetime, or null if it is not tracked
     */
    public static Object born(Object self, Object current, int refs) {
        AgentRuntime r = runtime();
        return r == null ? current : r.born(self, (Lifetime) current, refs);
    }

    /**
     * References are taken.
     *
     * @param self the object
     * @param life its lifetime, or null
     * @param n    how many
     * @return its lifetime afterwards
     */
    public static Object acquired(Object self, Object life, int n) {
        AgentRuntime r = runtime();
        return r == null ? life : r.acquired(self, (Lifetime) life, n);
    }

    /**
     * References are dropped.
     *
     * @param self the object
     * @param life its lifetime, or null
     * @param n    how many
     */
    public static void released(Object self, Object life, int n) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.released(self, (Lifetime) life, n);
        }
    }

    /**
     * A tracked method of a generic spec starts on {@code self}: whether it is the outermost such
     * call on that object in this thread (only that one counts). When true, {@link #exitOutermost}
     * must follow when the method ends, normally or not.
     *
     * @param self the object
     * @return true if the thread was in no tracked call on {@code self}
     */
    public static boolean enterOutermost(Object self) {
        return CALLS.enter(self);
    }

    /**
     * The outermost tracked call on {@code self} ends.
     *
     * @param self the object
     */
    public static void exitOutermost(Object self) {
        CALLS.exit(self);
    }

    /**
     * A scope starts on this thread: 0, a derived buffer's {@code init} or {@code deallocate};
     * 1, the library's own allocation of memory buffers; 2, a holder's release of the reference it
     * held (a composite buffer freeing a component).
     *
     * @param scope which
     */
    public static void enter(int scope) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.enter(scope);
        }
    }

    /**
     * A scope ends on this thread.
     *
     * @param scope which
     */
    public static void exit(int scope) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.exit(scope);
        }
    }

    /**
     * Finds the lifetime holding the count of {@code object} (itself or what it wraps) and applies
     * an ownership action to it: 1, a holder took over one of its references; 2, it is never
     * released again (not tracked from now on).
     *
     * @param object the object handed over
     * @param action which
     */
    public static void probe(Object object, int action) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.probe(object, action);
        }
    }

    /**
     * The probe method ran on a tracked object.
     *
     * @param self the object
     * @param life its lifetime, or null
     * @return its lifetime afterwards
     */
    public static Object probed(Object self, Object life) {
        AgentRuntime r = runtime();
        return r == null ? life : r.probed(self, (Lifetime) life);
    }

    /**
     * Side-table form of {@link #probed}.
     *
     * @param self the object
     */
    public static void probedInTable(Object self) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.probedInTable(self);
        }
    }

    /**
     * Side-table form of {@link #born}, for classes transformed after they were loaded.
     *
     * @param self the object
     * @param refs the references it starts with
     */
    public static void bornInTable(Object self, int refs) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.born(self, r.lookup(self), refs);
        }
    }

    /**
     * Side-table form of {@link #acquired}.
     *
     * @param self the object
     * @param n    how many
     */
    public static void acquiredInTable(Object self, int n) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.acquired(self, r.lookup(self), n);
        }
    }

    /**
     * Side-table form of {@link #released}.
     *
     * @param self the object
     * @param n    how many
     */
    public static void releasedInTable(Object self, int n) {
        AgentRuntime r = runtime();
        if (r != null) {
            r.released(self, r.lookup(self), n);
        }
    }
}
