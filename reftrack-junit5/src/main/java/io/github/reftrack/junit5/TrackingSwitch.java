package io.github.reftrack.junit5;

import io.github.reftrack.RefTracking;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Turns tracking on for a checked scope when it is off, and puts the previous mode back when the
 * scope ends. A mode that is already on ({@code SAMPLE} or {@code FULL}) is left alone: the user
 * chose it. Stored in the scope's {@link ExtensionContext.Store}, so JUnit closes it even when a
 * callback is skipped.
 */
final class TrackingSwitch implements ExtensionContext.Store.CloseableResource {
    private final RefTracking.Mode previous;
    private final boolean switched;
    // Guarded by this: a scope may be closed by the extension and again by the store.
    private boolean restored;

    private TrackingSwitch(RefTracking.Mode previous, boolean switched) {
        this.previous = previous;
        this.switched = switched;
    }

    /**
     * Switches to {@code mode} if tracking is off.
     *
     * @param mode the mode to use while the scope runs; not {@code OFF}
     * @return the switch to close when the scope ends
     */
    static TrackingSwitch turnOn(RefTracking.Mode mode) {
        synchronized (TrackingSwitch.class) {
            if (RefTracking.mode() != RefTracking.Mode.OFF) {
                return new TrackingSwitch(RefTracking.mode(), false);
            }
            return new TrackingSwitch(RefTracking.setMode(mode), true);
        }
    }

    /** Puts the previous mode back, once. Directories created meanwhile keep their mode. */
    @Override
    public synchronized void close() {
        if (switched && !restored) {
            restored = true;
            RefTracking.setMode(previous);
        }
    }
}
