package io.github.reftrack.junit5;

import io.github.reftrack.CallStack;
import io.github.reftrack.FrameFilter;
import io.github.reftrack.RefTrackerEvent;
import java.util.List;

/**
 * Drops the test engine's frames from the bottom of reported stacks: below the test method, a
 * captured stack is JUnit and reflection, which says nothing about the leak and would fill most
 * of the failure message. Only a trailing run of such frames is dropped, so user code called
 * through reflection higher up the stack stays. Which frames are the engine's is the core's
 * {@link FrameFilter}'s answer; the event keeps everything else (counts, ages, notes,
 * fingerprints) and its own text. Stateless.
 */
final class EngineFrames {
    private static final FrameFilter ENGINE = FrameFilter.of(List.of(
            "org.junit.", "jdk.internal.reflect.", "java.lang.reflect.", "sun.reflect."));

    private EngineFrames() {
    }

    static CallStack trim(CallStack stack) {
        return stack.withoutOutermost(ENGINE::hides);
    }

    static RefTrackerEvent trim(RefTrackerEvent event) {
        return event.withStacks(EngineFrames::trim);
    }
}
