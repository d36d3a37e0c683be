package example;

import static example.Channel.handle;

import io.github.reftrack.junit5.LeakChecked;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

// snippet:leak-checked
@LeakChecked // fails a test that leaves tracked references behind, naming the stack that took them
class ChannelTest {

    @Test
    void handlesAMessage() {
        Channel channel = new Channel();
        handle(channel, "hello");          // takes a reference and releases it: passes
    }

    @Test
    @Tag("planted")                        // fails on purpose: scripts/check-examples.sh runs it
    void handlesEmptyMessage() {
        Channel channel = new Channel();
        handle(channel, "");               // the planted leak: takes a reference, returns without releasing it
    }
}
// end:leak-checked
