package io.github.reftrack;

/**
 * Receives what reftrack detects. Every method has an empty default, so a listener overrides
 * only what it needs. Register with {@link RefTracking#addListener}.
 *
 * <p>Methods are called on the thread that detected the event (the one that called
 * {@code close}, {@code free} or {@code alloc}, or reftrack's housekeeping thread for lost
 * references), never while a directory lock is held. A listener may be called concurrently from
 * several threads. Exceptions thrown by a listener are logged once and otherwise ignored.
 */
public interface RefTrackerListener {

    /**
     * A directory was closed while trackers were still live: the references they stand for were
     * never released.
     *
     * @param report the live trackers, grouped by the stack that took them
     */
    default void onLeak(LeakReport report) {
    }

    /**
     * A directory was garbage-collected without {@code close()} while references were still held
     * through it: the report is what {@code close()} would have reported. Called on reftrack's
     * housekeeping thread, some time after the directory became unreachable. Kept apart from
     * {@link #onLeak} so a check that watches a scope (a test, a request) is not blamed for a
     * directory some earlier scope dropped.
     *
     * @param report the trackers that were still live, grouped by the stack that took them
     */
    default void onAbandonedDirectory(LeakReport report) {
    }

    /**
     * A tracker was released a second time. Always detected, also after the tracker has left
     * the directory's quarantine.
     *
     * @param event where the reference was taken, first released, and released again
     */
    default void onDoubleRelease(DoubleRelease event) {
    }

    /**
     * A tracker became unreachable while still live: whoever held the reference dropped it
     * without releasing it. Only with {@value RefTracking#LOST_PROPERTY}{@code =on}.
     *
     * @param event the lost tracker, with the stack that took it
     */
    default void onLostReference(LostReference event) {
    }

    /**
     * A reference was held longer than a hold threshold (the agent's
     * {@code -Dreftrack.holdThreshold=}); reported once per object lifetime.
     *
     * @param event the reference, with the stack that took it and its age
     */
    default void onLongHeld(LongHeld event) {
    }

    /**
     * A teardown that waits for references to be released has waited past its report deadline.
     *
     * @param event who still holds references, and how long the wait has lasted
     */
    default void onTeardownStuck(StuckTeardown event) {
    }

    /**
     * The API was used in a way that cannot be right: a tracker from another directory, a
     * {@code null} tracker, a call after {@code close}, unbalanced untracked references, a stack
     * that could not be captured. Reported once per directory and kind.
     *
     * @param event what was wrong, and where
     */
    default void onMisuse(Misuse event) {
    }
}
