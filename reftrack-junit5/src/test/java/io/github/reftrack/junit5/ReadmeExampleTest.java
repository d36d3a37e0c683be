package io.github.reftrack.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.reftrack.RefTracker;
import io.github.reftrack.RefTrackerDir;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The example of the module README: an early return that skips a release. */
class ReadmeExampleTest {
    static final List<Channel> OPEN = new CopyOnWriteArrayList<>();

    /** A ref-counted object with a tracker directory. */
    static final class Channel {
        final RefTrackerDir refs = RefTrackerDir.create("channel", 8);

        RefTracker retain() {
            return refs.alloc();
        }

        void release(RefTracker ref) {
            refs.free(ref);
        }
    }

    static void handle(Channel channel, String message) {
        RefTracker ref = channel.retain();
        if (message.isEmpty()) {
            return;
        }
        channel.release(ref);
    }

    @Victim
    @LeakChecked
    static class ChannelTest {
        @Test
        void handlesEmptyMessage() {
            Channel channel = new Channel();
            OPEN.add(channel);
            handle(channel, "");
        }
    }

    @Test
    void earlyReturn_isReportedWithTheStackThatTookTheReference() {
        Throwable failure = TestKit.onlyFailure(TestKit.run(ChannelTest.class).testEvents());

        assertThat(failure.getMessage())
                .startsWith("leak check failed for handlesEmptyMessage() [[engine:junit-jupiter]/[class:"
                        + ChannelTest.class.getName() + "]/[method:handlesEmptyMessage()]]:\n"
                        + "1 directory with references left behind (after a grace period of 300 ms)\n\n"
                        + OPEN.get(0).refs.name() + " has 1/1 users at\n"
                        + "  taken during: ChannelTest.handlesEmptyMessage() (1)\n"
                        + "     " + Channel.class.getName() + ".retain(ReadmeExampleTest.java:")
                .contains("     " + ReadmeExampleTest.class.getName() + ".handle(ReadmeExampleTest.java:")
                .contains("     " + ChannelTest.class.getName() + ".handlesEmptyMessage(ReadmeExampleTest.java:")
                .doesNotContain("reflect.")
                .doesNotContain("     org.junit.");
        assertThat(((ReferenceLeakError) failure).leaks().get(0).groups().get(0).frames())
                .as("the report itself keeps the engine frames")
                .anySatisfy(frame -> assertThat(frame.getClassName()).startsWith("org.junit."));
    }
}
