package io.github.reftrack.sink;

import io.github.reftrack.AbandonedDirectory;
import io.github.reftrack.DoubleRelease;
import io.github.reftrack.LeakReport;
import io.github.reftrack.LongHeld;
import io.github.reftrack.LostReference;
import io.github.reftrack.Misuse;
import io.github.reftrack.RefTrackerEvent;
import io.github.reftrack.RefTrackerListener;
import io.github.reftrack.StuckTeardown;

/** Hands each event to the {@link RefTrackerListener} method of its type. Stateless. */
public final class ListenerSink {
    private ListenerSink() {
    }

    /**
     * Calls the listener's method for the event's type.
     *
     * @param listener the listener
     * @param event    the event
     */
    public static void deliver(RefTrackerListener listener, RefTrackerEvent event) {
        if (event instanceof LeakReport) {
            listener.onLeak((LeakReport) event);
        } else if (event instanceof AbandonedDirectory) {
            listener.onAbandonedDirectory(((AbandonedDirectory) event).report());
        } else if (event instanceof DoubleRelease) {
            listener.onDoubleRelease((DoubleRelease) event);
        } else if (event instanceof LostReference) {
            listener.onLostReference((LostReference) event);
        } else if (event instanceof StuckTeardown) {
            listener.onTeardownStuck((StuckTeardown) event);
        } else if (event instanceof LongHeld) {
            listener.onLongHeld((LongHeld) event);
        } else {
            listener.onMisuse((Misuse) event);
        }
    }
}
