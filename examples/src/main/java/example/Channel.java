package example;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;

/** A ref-counted channel for the JUnit example: {@link #handle} forgets a release on one path. */
public final class Channel {
    private final RefTrackerDir refDir = RefTrackerDir.create("channel", 8);

    /** Takes a reference. */
    public RefTracker retain() {
        return refDir.alloc();
    }

    /** Releases a reference; {@code false} if it was released already or is not this channel's. */
    public boolean release(RefTracker ref) {
        return refDir.free(ref);
    }

    /**
     * Handles one message, holding a reference while it does, but returns early without releasing
     * it when the message is empty: the bug the example test finds.
     */
    public static void handle(Channel channel, String message) {
        RefTracker ref = channel.retain();
        if (message.isEmpty()) {
            return;
        }
        channel.release(ref);
    }
}
