package io.github.reftrack.internal.engine;

import io.github.reftrack.CallStack;
import io.github.reftrack.LeakReport;
import io.github.reftrack.internal.capture.Stack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the trackers of a report by interned stack, one accumulator per stack (count, holders,
 * context tags counted, first and last seen, as Agrona's {@code DistinctObservation}), in the
 * order trackers are added (newest first). At most {@code limit} groups are formed; trackers of
 * other stacks are counted as skipped. Not thread-safe: one report's local state.
 */
final class Grouping {
    private final int limit;
    private final Map<Stack, Accumulator> byStack = new IdentityHashMap<>();
    private final List<Accumulator> order = new ArrayList<>();
    private int skipped;

    Grouping(int limit) {
        this.limit = limit;
    }

    void add(Stack stack, String holder, String context, long allocNanos) {
        Accumulator group = byStack.get(stack);
        if (group == null) {
            if (order.size() == limit) {
                skipped++;
                return;
            }
            group = new Accumulator(stack);
            byStack.put(stack, group);
            order.add(group);
        }
        group.add(holder, context, allocNanos);
    }

    int skipped() {
        return skipped;
    }

    /** The groups, with ages measured against {@code nowNanos}. */
    List<LeakReport.Group> groups(long nowNanos) {
        List<LeakReport.Group> groups = new ArrayList<>(order.size());
        for (Accumulator g : order) {
            CallStack stack = new CallStack(g.stack.frames(), g.stack.fingerprint(), g.stack.allHidden());
            groups.add(new LeakReport.Group(g.users, stack, List.copyOf(g.holders), age(nowNanos, g.oldestNanos),
                    age(nowNanos, g.newestNanos), 0, null,
                    g.contexts == null ? LeakReport.Contexts.NONE : LeakReport.Contexts.of(g.contexts)));
        }
        return groups;
    }

    /** In whole milliseconds, as JSON carries ages: an event reads back from JSON equal to itself. */
    private static Duration age(long nowNanos, long thenNanos) {
        return Duration.ofMillis(Math.max(0, nowNanos - thenNanos) / 1_000_000);
    }

    /** One stack's trackers. */
    private static final class Accumulator {
        final Stack stack;
        final Set<String> holders = new LinkedHashSet<>();
        /** Tag to count; {@code null} until a tracker with a tag is added. */
        Map<String, Integer> contexts;
        int users;
        long oldestNanos;
        long newestNanos;

        Accumulator(Stack stack) {
            this.stack = stack;
        }

        void add(String holder, String context, long allocNanos) {
            if (users == 0 || allocNanos - oldestNanos < 0) {
                oldestNanos = allocNanos;
            }
            if (users == 0 || allocNanos - newestNanos > 0) {
                newestNanos = allocNanos;
            }
            users++;
            if (holder != null) {
                holders.add(holder);
            }
            if (context != null) {
                if (contexts == null) {
                    contexts = new HashMap<>();
                }
                contexts.merge(context, 1, Integer::sum);
            }
        }
    }
}
