package io.github.reftrack.agent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Probes under way: a thread that wants the lifetime holding the count of some object (a buffer
 * handed to a composite, wrapped as unreleasable) calls the profile's probe method on it and
 * awaits the instrumented probe method of the counted object, which takes the awaited action.
 * Thread-safe; when no probe is under way, the probe method's advice costs one volatile read.
 */
final class Probing {
    /** A holder took over one reference of the probed object. */
    static final int ADOPT = 1;
    /** The probed object is never released again (a constant): it is no longer tracked. */
    static final int UNTRACK = 2;

    private final List<CountProbe> probes = new ArrayList<>();
    private final AtomicInteger active = new AtomicInteger();
    private final ThreadLocal<int[]> awaited = ThreadLocal.withInitial(() -> new int[1]);

    Probing(List<Profile> profiles) {
        // one probe per method: two profiles probing the same one would apply an action twice
        Set<String> methods = new LinkedHashSet<>();
        for (Profile profile : profiles) {
            if (profile.rules().probe() != null) {
                methods.add(profile.rules().probe());
            }
        }
        for (String method : methods) {
            probes.add(new CountProbe(method));
        }
    }

    /** Calls the probe methods on {@code object}, awaiting {@code action}. */
    void run(Object object, int action) {
        if (object == null || probes.isEmpty()) {
            return;
        }
        int[] pending = awaited.get();
        active.incrementAndGet();
        try {
            for (CountProbe probe : probes) {
                pending[0] = action;
                probe.call(object);
            }
        } finally {
            pending[0] = 0;
            active.decrementAndGet();
        }
    }

    /** Whether any thread is in a probe. */
    boolean active() {
        return active.get() != 0;
    }

    /** The action this thread awaits from the probe method that just ran, now taken; 0 if none. */
    int take() {
        if (!active()) {
            return 0;
        }
        int[] pending = awaited.get();
        int action = pending[0];
        pending[0] = 0;
        return action;
    }
}
