package io.github.reftrack.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HiddenPrefixTest {
    private static StackTraceElement frame(String cls) {
        return new StackTraceElement(cls, "m", "F.java", 1);
    }

    @Test
    void prefixesAreTrimmedAndEmptyOnesDropped_whenPropertyIsParsed() {
        assertThat(StackDepot.parsePrefixes(" io.netty., ,org.apache.lucene.")).containsExactly("io.netty.",
                "org.apache.lucene.");
        assertThat(StackDepot.parsePrefixes(null)).isEmpty();
    }

    @Test
    void hiddenFramesAreDroppedAnywhere_andDepthCountsShownFramesOnly() {
        StackTraceElement[] all = {frame("io.netty.A"), frame("app.User"), frame("io.netty.B"), frame("app.Main"),
            frame("app.Boot")};
        List<StackTraceElement> shown = StackDepot.shown(all, 0, 2, new String[] {"io.netty."});
        assertThat(shown).extracting(StackTraceElement::getClassName).containsExactly("app.User", "app.Main");
    }

    @Test
    void fingerprintIgnoresHiddenFrames_whenOnlyHiddenFramesDiffer() {
        StackTraceElement[] one = {frame("io.netty.A"), frame("app.User")};
        StackTraceElement[] two = {frame("io.netty.B"), frame("io.netty.C"), frame("app.User")};
        String[] prefixes = {"io.netty."};
        assertThat(Stack.fingerprintOf(StackDepot.shown(one, 0, 16, prefixes)))
                .isEqualTo(Stack.fingerprintOf(StackDepot.shown(two, 0, 16, prefixes)));
    }
}
