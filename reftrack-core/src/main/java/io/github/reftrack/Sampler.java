package io.github.reftrack;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides which references of one directory class get a stack in {@code sample} mode: the first,
 * then one in {@code interval}. The counter is shared by all directories of the class and is
 * deliberately not synchronized: a lost increment under contention shifts which reference is
 * sampled, which sampling tolerates, and an atomic update would cost as much as the reference
 * count it rides along with.
 */
final class Sampler {
    private static final ConcurrentHashMap<String, Sampler> BY_CLASS = new ConcurrentHashMap<>();

    private final int interval;
    private int counter;

    private Sampler(int interval) {
        this.interval = interval;
    }

    static Sampler forClass(String className, int interval) {
        return BY_CLASS.computeIfAbsent(className + '/' + interval, k -> new Sampler(interval));
    }

    /** Returns whether this reference gets a stack. */
    boolean sample() {
        int n = counter;
        counter = n + 1 == interval ? 0 : n + 1;
        return n == 0;
    }
}
